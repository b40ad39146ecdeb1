package io.changegate.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.audit.AuditEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The postmortem form's timeline: a run of passing validation rounds as two lines, and it fits a variable. */
class PostmortemTimelineTest {

  static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

  private static AuditEntry entry(int second, String action) {
    return new AuditEntry(second, START.plusSeconds(second), "changegate", action, "CHG-1", "{}", null, null);
  }

  @Test
  void aStabilizationPeriodsRepeatedRoundsShowAsTheirFirstAndLast() {
    List<AuditEntry> entries = new ArrayList<>(List.of(entry(0, "DEPLOYED"), entry(1, "VALIDATING")));
    for (int round = 0; round < 10; round++) {
      entries.add(entry(60 + round * 60, "VALIDATED"));
    }
    entries.add(entry(700, "VALIDATION_FAILED"));

    String timeline = PostmortemService.timeline(entries);

    assertThat(timeline.lines()).hasSize(5);
    assertThat(timeline.lines().toList().get(2)).startsWith("2026-03-02T10:01:00Z  VALIDATED  (changegate)");
    assertThat(timeline.lines().toList().get(3)).isEqualTo("2026-03-02T10:10:00Z  VALIDATED  … 9 more passing"
        + " validation rounds");
    assertThat(timeline).endsWith("VALIDATION_FAILED  (changegate)  {}\n");
  }

  @Test
  void aTimelineTooLongForAVariableKeepsItsBeginningAndEndAndSaysWhereTheRestIs() {
    StringBuilder text = new StringBuilder("FIRST LINE\n");
    while (text.length() < 10_000) {
      text.append("2026-03-02T10:00:00Z  ROLLOUT_HEALTHY  (changegate)  {}\n");
    }
    text.append("LAST LINE\n");

    String fitted = PostmortemService.fitVariable(text.toString(), "CHG-1");

    assertThat(fitted.length()).isLessThanOrEqualTo(PostmortemService.POSTMORTEM_TEXT_MAX);
    assertThat(fitted).startsWith("FIRST LINE").endsWith("LAST LINE\n")
        .contains("(shortened; the whole timeline: GET /api/changes/CHG-1)");
    assertThat(PostmortemService.fitVariable("short\n", "CHG-1")).isEqualTo("short\n");
  }
}
