package io.changegate.deployment;

import io.changegate.change.ChangeRepository;
import io.changegate.change.Target;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads only: whether a change waits for a deployment slot of its environment, and which changes hold what it waits
 * for — a lock on one of its targets, or every slot of the environment ({@link EnvironmentSlots} writes these).
 */
@Component
public class SlotHolders {

  /** A change queued for its environment: since when, and the changes in its way (target holders first). */
  public record Waiting(String environment, Instant since, int limit, List<String> holdingTargets,
      List<String> holdingSlots, List<String> queuedAhead) {

    /** The changes that hold what it needs now: its targets' holders, or, when every slot is taken, their holders. */
    public List<String> blockedBy() {
      LinkedHashSet<String> blockers = new LinkedHashSet<>(holdingTargets);
      if (holdingSlots.size() >= limit) {
        blockers.addAll(holdingSlots);
      }
      return List.copyOf(blockers);
    }
  }

  private final JdbcClient jdbc;
  private final SlotLimits limits;
  private final ChangeRepository changes;

  SlotHolders(JdbcClient jdbc, SlotLimits limits, ChangeRepository changes) {
    this.jdbc = jdbc;
    this.limits = limits;
    this.changes = changes;
  }

  /** Empty: the change is not queued for a slot. */
  public Optional<Waiting> waitingOf(String changeId) {
    record Queued(String environment, OffsetDateTime since) {}
    Optional<Queued> queued = jdbc.sql(
            "SELECT environment, waiting_since FROM changegate_environment_queue WHERE change_id = ?")
        .param(changeId)
        .query((rs, row) -> new Queued(rs.getString(1), rs.getObject(2, OffsetDateTime.class)))
        .optional();
    if (queued.isEmpty()) {
      return Optional.empty();
    }
    String environment = queued.get().environment();
    List<String> targets = changes.find(changeId).map(c -> c.targets().stream().map(Target::name).distinct().toList())
        .orElse(List.of());
    List<String> holdingTargets = targets.isEmpty() ? List.of() : jdbc.sql("""
            SELECT DISTINCT change_id FROM changegate_target_lock
            WHERE environment = :environment AND target_name IN (:targets) AND change_id <> :id ORDER BY change_id""")
        .param("environment", environment).param("targets", targets).param("id", changeId)
        .query(String.class).list();
    List<String> holdingSlots = jdbc.sql(
            "SELECT change_id FROM changegate_environment_slot WHERE environment = ? ORDER BY acquired_at, change_id")
        .param(environment).query(String.class).list();
    List<String> queue = EnvironmentSlots.queueOf(jdbc, environment);
    List<String> ahead = queue.subList(0, Math.max(0, queue.indexOf(changeId)));
    return Optional.of(new Waiting(environment, queued.get().since().toInstant(), limits.limitOf(environment),
        holdingTargets, holdingSlots, ahead));
  }

  /** The changes holding a slot of {@code environment} now, oldest first. */
  public List<String> holdersOf(String environment) {
    return jdbc.sql(
            "SELECT change_id FROM changegate_environment_slot WHERE environment = ? ORDER BY acquired_at, change_id")
        .param(environment).query(String.class).list();
  }
}
