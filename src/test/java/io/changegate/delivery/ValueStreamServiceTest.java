package io.changegate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wait and work per stage and group, bottlenecks and touchpoints of known steps, computed by hand. */
class ValueStreamServiceTest {

  static final Period MARCH = Period.ofDays(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"),
      ZoneOffset.UTC);
  final ValueStreamService service = new ValueStreamService((from, to) -> List.of());

  static Step step(String change, String type, String activity, String activityType, String group, String start,
      String claimed, String end) {
    return new Step(change, "payments-api", "payments", "production", type, activity, activityType, group,
        Instant.parse(start), claimed == null ? null : Instant.parse(claimed), Instant.parse(end));
  }

  static List<Step> steps() {
    return List.of(
        // N1: sign-off by security waits 10 h, worked 2 h; by legal 4 h unclaimed; rollout polls twice (1 h + 1 h)
        step("N1", "NORMAL", "Task_SignOff", "userTask", "security", "2026-03-02T00:00:00Z", "2026-03-02T10:00:00Z",
            "2026-03-02T12:00:00Z"),
        step("N1", "NORMAL", "Task_SignOff", "userTask", "legal", "2026-03-02T00:00:00Z", null, "2026-03-02T04:00:00Z"),
        step("N1", "NORMAL", "Task_DeployTarget", "serviceTask", null, "2026-03-03T00:00:00Z", null,
            "2026-03-03T01:00:00Z"),
        step("N1", "NORMAL", "Event_RolloutPollDue", "intermediateTimer", null, "2026-03-03T01:00:00Z", null,
            "2026-03-03T02:00:00Z"),
        // N2: sign-off by security waits 2 h, works 1 h
        step("N2", "NORMAL", "Task_SignOff", "userTask", "security", "2026-03-04T00:00:00Z", "2026-03-04T02:00:00Z",
            "2026-03-04T03:00:00Z"),
        // S1: a standard change, no human task: classification 0 h, rollout 0.5 h
        step("S1", "STANDARD", "Task_ClassifyChange", "businessRuleTask", null, "2026-03-05T00:00:00Z", null,
            "2026-03-05T00:00:00Z"),
        step("S1", "STANDARD", "Task_DeployTarget", "serviceTask", null, "2026-03-05T00:00:00Z", null,
            "2026-03-05T00:30:00Z"),
        // outside the period and of another service: left out
        step("N9", "NORMAL", "Task_SignOff", "userTask", "security", "2026-02-01T00:00:00Z", null,
            "2026-02-02T00:00:00Z"),
        new Step("X1", "ledger", null, "production", "NORMAL", "Task_SignOff", "userTask", "cab",
            Instant.parse("2026-03-02T00:00:00Z"), null, Instant.parse("2026-03-09T00:00:00Z")));
  }

  @Test
  void stagesGroupsBottlenecksAndTouchpointsOfKnownSteps() {
    ValueStreamReport report = service.report(new DeliveryFilter("payments-api", null, "production"), MARCH, steps());

    assertThat(report.changes()).isEqualTo(3);
    ValueStreamReport.StageFigures security = stage(report, "sign-off: security");
    // N1 waited 10 h and worked 2 h, N2 waited 2 h and worked 1 h: medians (10 + 2) / 2 and (2 + 1) / 2
    assertThat(security.changes()).isEqualTo(2);
    assertThat(security.waitMedianHours()).isEqualTo(6.0);
    assertThat(security.waitP90Hours()).isEqualTo(10.0);
    assertThat(security.workMedianHours()).isEqualTo(1.5);
    assertThat(security.totalMedianHours()).isEqualTo(7.5);
    // an unclaimed task waited until it was completed
    ValueStreamReport.StageFigures legal = stage(report, "sign-off: legal");
    assertThat(legal.waitMedianHours()).isEqualTo(4.0);
    assertThat(legal.workMedianHours()).isEqualTo(0.0);
    // the rollout of N1 adds its deploy (work 1 h) and its poll timer (wait 1 h); S1's 0.5 h of work
    ValueStreamReport.StageFigures rollout = stage(report, "rollout");
    assertThat(rollout.changes()).isEqualTo(2);
    assertThat(rollout.steps()).isEqualTo(3);
    assertThat(rollout.waitP90Hours()).isEqualTo(1.0);
    assertThat(rollout.workMedianHours()).isEqualTo(0.75);
    assertThat(rollout.totalMedianHours()).isEqualTo(1.25);
    assertThat(report.bottlenecks()).containsExactly("sign-off: security", "sign-off: legal", "rollout");
    assertThat(security.rank()).isEqualTo(1);
    assertThat(report.groups()).extracting(ValueStreamReport.StageFigures::name).containsExactly("legal", "security");
    // touchpoints: 3 human tasks over 2 normal changes; the standard change needed none
    assertThat(report.touchpoints()).extracting(ValueStreamReport.Touchpoints::changeType)
        .containsExactly("NORMAL", "STANDARD");
    ValueStreamReport.Touchpoints normal = report.touchpoints().get(0);
    assertThat(normal.humanTasks()).isEqualTo(3);
    assertThat(normal.humanTasksPerChange()).isEqualTo(1.5);
    assertThat(normal.shareWithoutHumanTask()).isEqualTo(0.0);
    assertThat(report.touchpoints().get(1).shareWithoutHumanTask()).isEqualTo(100.0);
  }

  @Test
  void anEmptyPeriodHasNoStages() {
    ValueStreamReport report = service.report(new DeliveryFilter(null, null, null), MARCH, List.of());

    assertThat(report.changes()).isZero();
    assertThat(report.stages()).isEmpty();
    assertThat(report.bottlenecks()).isEmpty();
  }

  private static ValueStreamReport.StageFigures stage(ValueStreamReport report, String name) {
    return report.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError(name + " not in " + report.stages()));
  }
}
