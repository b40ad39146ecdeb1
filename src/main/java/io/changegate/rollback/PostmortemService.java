package io.changegate.rollback;

import io.changegate.audit.AuditAction;
import io.changegate.audit.AuditEntry;
import io.changegate.audit.AuditTrail;
import io.changegate.change.Change;
import io.changegate.change.ChangeService;
import io.changegate.change.ChangeStatus;
import io.changegate.rollback.incident.Incidents;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people's part of a rollback, on the change's timeline under their names: what they did by hand (a database
 * checkpoint restored, a failed rollback resolved) and the blameless postmortem, whose form starts with the
 * change's timeline and a summary.
 */
@Service
public class PostmortemService {

  /** Longest text a string process variable holds in every supported database (ACT_*.TEXT_ is 4,000). */
  static final int POSTMORTEM_TEXT_MAX = 3900;

  private final ChangeService changes;
  private final Incidents incidents;
  private final LastFailure lastFailure;
  private final AuditTrail audit;

  public PostmortemService(ChangeService changes, Incidents incidents, LastFailure lastFailure, AuditTrail audit) {
    this.changes = changes;
    this.incidents = incidents;
    this.lastFailure = lastFailure;
    this.audit = audit;
  }

  /** What the postmortem form starts with: the timeline (fitted to a variable), a summary, who writes it. */
  public Postmortem postmortem(String changeId) {
    Change change = changes.get(changeId);
    List<AuditEntry> entries = audit.entriesOf(changeId);
    String restored = entries.stream()
        .filter(e -> ChangeStatus.ROLLED_BACK.name().equals(e.action())).map(AuditEntry::details)
        .reduce((a, b) -> b).orElse("{}");
    String summary = "Change " + changeId + " (" + change.title() + ") of " + change.service() + " in "
        + change.environment() + " was rolled back. Why: " + lastFailure.of(changeId).orElse("see the timeline")
        + ". Restoration: " + restored + ". Incidents: " + incidents.ofChange(changeId).stream()
            .map(i -> i.reference() + (i.url() == null ? "" : " " + i.url())).toList();
    return new Postmortem(fitVariable(timeline(entries), changeId), Text.abbreviate(summary, POSTMORTEM_TEXT_MAX),
        change.requester());
  }

  @Transactional
  public void recordPostmortem(String changeId, String actor, Map<String, Object> postmortem) {
    audit.record(actor, AuditAction.POSTMORTEM_RECORDED, changeId, postmortem);
  }

  @Transactional
  public void recordCheckpointRestored(String changeId, String target, String actor, String comment) {
    audit.record(actor, AuditAction.CHECKPOINT_RESTORED, changeId, Map.of("target", target,
        "comment", comment == null ? "" : comment));
  }

  @Transactional
  public void recordManualRestoration(String changeId, String actor, String resolution) {
    audit.record(actor, AuditAction.ROLLBACK_FAILURE_HANDLED, changeId, Map.of("resolution",
        resolution == null ? "" : resolution));
  }

  /** One line per event; a run of passing validation rounds (a stabilization period) as its first and last. */
  static String timeline(List<AuditEntry> entries) {
    StringBuilder timeline = new StringBuilder();
    for (int i = 0; i < entries.size(); i++) {
      AuditEntry entry = entries.get(i);
      int run = 1;
      while (i + run < entries.size() && entries.get(i + run).action().equals(entry.action())
          && AuditAction.VALIDATED.name().equals(entry.action())) {
        run++;
      }
      timeline.append(entry.occurredAt()).append("  ").append(entry.action()).append("  (").append(entry.actor())
          .append(")  ").append(Text.abbreviate(entry.details(), 300)).append('\n');
      if (run > 1) {
        AuditEntry last = entries.get(i + run - 1);
        timeline.append(last.occurredAt()).append("  ").append(last.action()).append("  … ").append(run - 1)
            .append(" more passing validation rounds\n");
        i += run - 1;
      }
    }
    return timeline.toString();
  }

  /** The postmortem form's timeline: its first and last lines when the whole would not fit in a variable. */
  static String fitVariable(String timeline, String changeId) {
    if (timeline.length() <= POSTMORTEM_TEXT_MAX) {
      return timeline;
    }
    String gap = "\n… (shortened; the whole timeline: GET /api/changes/" + changeId + ")\n";
    int half = (POSTMORTEM_TEXT_MAX - gap.length()) / 2;
    return timeline.substring(0, half) + gap + timeline.substring(timeline.length() - half);
  }
}
