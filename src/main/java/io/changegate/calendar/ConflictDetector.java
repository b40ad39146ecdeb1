package io.changegate.calendar;

import io.changegate.change.Change;
import io.changegate.change.EnvironmentCatalog;
import io.changegate.change.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Finds the conflicts of a change's slot, and the next slot without any. Reads only what can overlap the
 * slot through indexes: the blackouts and maintenance windows of the change's scope and of the services
 * it depends on, and the open changes planned on the same service and environment.
 */
@Component
public class ConflictDetector {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  /** How many jumps the search for a free slot makes before it gives up (well beyond any real calendar). */
  static final int MAX_JUMPS = 500;

  private final WindowRepository windows;
  private final ServiceDependencies dependencies;
  private final ScheduledChanges changes;
  private final CalendarProperties properties;
  private final EnvironmentCatalog environments;
  private final ReleasePolicies policies;

  public ConflictDetector(WindowRepository windows, ServiceDependencies dependencies, ScheduledChanges changes,
      CalendarProperties properties, EnvironmentCatalog environments, ReleasePolicies policies) {
    this.windows = windows;
    this.dependencies = dependencies;
    this.changes = changes;
    this.properties = properties;
    this.environments = environments;
    this.policies = policies;
  }

  /**
   * What the calendar needs to know of a change. Whether it goes to production is the environment catalog's kind of
   * its environment (an environment the catalog does not know counts as production), never its name.
   */
  public record Subject(String changeId, String service, String environment, boolean highRiskProduction,
      Level risk) {

    public Subject(String changeId, String service, String environment, boolean highRiskProduction) {
      this(changeId, service, environment, highRiskProduction, null);
    }
  }

  public Subject subject(Change change) {
    Level risk = change.riskLevel() != null ? change.riskLevel() : change.impact();
    boolean production = environments.isProduction(change.environment());
    return new Subject(change.id(), change.service(), change.environment(), production && risk == Level.HIGH, risk);
  }

  /** Every conflict of {@code slot} for the change, blocking ones first, each group in time order. */
  public List<CalendarConflict> conflicts(Subject change, Slot slot) {
    List<String> dependsOn = dependencies.of(change.service());
    List<CalendarConflict> found = new ArrayList<>();

    List<String> own = List.of(change.service());
    for (CalendarWindow window : windows.candidates(WindowKind.BLACKOUT, own, change.environment(), slot.start(),
        slot.end())) {
      for (Occurrence o : WindowSchedule.occurrences(window, slot.start(), slot.end())) {
        found.add(CalendarConflict.of(ConflictType.BLACKOUT,
            "Blackout " + describe(o) + ": " + window.reason(), window.id(), null, o.startInstant(),
            o.endInstant()));
      }
    }

    List<String> maintained = new ArrayList<>(own);
    maintained.addAll(dependsOn);
    boolean insideMaintenance = false;
    for (CalendarWindow window : windows.candidates(WindowKind.MAINTENANCE, maintained, change.environment(),
        slot.start(), slot.end())) {
      boolean ofDependency = window.service() != null && dependsOn.contains(window.service())
          && !window.service().equals(change.service());
      for (Occurrence o : WindowSchedule.occurrences(window, slot.start(), slot.end())) {
        if (ofDependency) {
          found.add(CalendarConflict.of(ConflictType.DEPENDENCY_MAINTENANCE,
              "Maintenance of " + window.service() + ", which " + change.service() + " depends on, "
                  + describe(o) + ": " + window.reason(), window.id(), null, o.startInstant(), o.endInstant()));
        } else if (o.contains(slot)) {
          insideMaintenance = true;
        }
      }
    }

    for (ScheduledChanges.PlannedChange other : changes.overlapping(change.service(), change.environment(),
        change.changeId() == null ? "" : change.changeId(), slot, properties.defaultChangeDuration())) {
      found.add(CalendarConflict.of(ConflictType.CHANGE_OVERLAP,
          "Overlaps " + other.id() + " \"" + other.title() + "\" (" + other.status() + ") on " + other.service()
              + " in " + other.environment() + ", " + other.start() + " to " + other.end(),
          null, other.id(), other.start(), other.end()));
    }

    policies.of(change.service()).filter(policy -> policy.governs(change.risk()) && !policy.admits(slot))
        .ifPresent(policy -> {
          Instant next = policy.nextStart(slot.start(), Duration.between(slot.start(), slot.end()));
          found.add(CalendarConflict.of(ConflictType.OUTSIDE_RELEASE_TRAIN,
              "Outside the release train of " + change.service() + " (" + policy.describe() + ") for a "
                  + change.risk() + "-risk change" + (next == null ? "" : "; next train " + next), null, null,
              slot.start(), next == null ? slot.start().plus(properties.suggestionHorizon()) : next));
        });

    if (change.highRiskProduction() && !insideMaintenance) {
      found.add(CalendarConflict.of(ConflictType.OUTSIDE_MAINTENANCE_WINDOW,
          "HIGH-risk change to " + change.environment() + " outside every maintenance window of "
              + change.service() + " (" + slot + ")", null, null, slot.start(), slot.end()));
    }
    found.sort(Comparator.comparing((CalendarConflict c) -> !c.blocking()).thenComparing(CalendarConflict::start)
        .thenComparing(c -> Objects.toString(c.windowId(), Objects.toString(c.changeId(), ""))));
    return found;
  }

  /**
   * The earliest slot of {@code duration} starting at or after {@code from} without any conflict: past
   * blackouts, dependencies' maintenance and other changes and, for a HIGH-risk production change, inside a
   * maintenance window (where none lies within the horizon, a slot free of the rest). {@code null} when
   * there is none within {@link CalendarProperties#suggestionHorizon()}.
   */
  public Slot nextFreeSlot(Subject change, Instant from, Duration duration) {
    Instant horizon = from.plus(properties.suggestionHorizon());
    boolean needMaintenance = change.highRiskProduction();
    Instant start = from;
    for (int jump = 0; jump < MAX_JUMPS && start.isBefore(horizon); jump++) {
      Slot slot = Slot.of(start, duration);
      List<CalendarConflict> conflicts = conflicts(change, slot);
      Instant next = start;
      boolean onlyOutsideMaintenance = true;
      for (CalendarConflict c : conflicts) {
        if (c.type() == ConflictType.OUTSIDE_MAINTENANCE_WINDOW) {
          if (needMaintenance) {
            Instant window = nextMaintenanceStart(change, start, horizon, duration);
            if (window == null) {
              needMaintenance = false;
            } else if (window.isAfter(next)) {
              next = window;
            }
          }
        } else {
          onlyOutsideMaintenance = false;
          if (c.end().isAfter(next)) {
            next = c.end();
          }
        }
      }
      if (conflicts.isEmpty() || (onlyOutsideMaintenance && !needMaintenance)) {
        return slot;
      }
      start = next.equals(start) ? start.plus(Duration.ofMinutes(1)) : next;
    }
    return null;
  }

  /** The first instant after {@code from} where a maintenance window of the change's own scope fits it. */
  private Instant nextMaintenanceStart(Subject change, Instant from, Instant horizon, Duration duration) {
    Instant best = null;
    for (CalendarWindow window : windows.candidates(WindowKind.MAINTENANCE, List.of(change.service()),
        change.environment(), from, horizon)) {
      for (Occurrence o : WindowSchedule.occurrences(window, from, horizon)) {
        Instant start = o.startInstant().isAfter(from) ? o.startInstant() : from;
        if (!start.plus(duration).isAfter(o.endInstant()) && start.isAfter(from)
            && (best == null || start.isBefore(best))) {
          best = start;
        }
      }
    }
    return best;
  }

  private static String describe(Occurrence o) {
    CalendarWindow w = o.window();
    return w.id() + " \"" + w.title() + "\" (" + w.scope() + "), " + local(o.start()) + " to " + local(o.end()) + " "
        + w.timeZone().getId();
  }

  private static String local(ZonedDateTime time) {
    return time.format(LOCAL) + " (" + time.getOffset() + ")";
  }
}
