package io.changegate.deployment;

import io.changegate.audit.AuditAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeRepository;
import io.changegate.change.ValidationSpec;
import io.changegate.monitoring.MonitoringProperties;
import io.changegate.monitoring.SuccessCriteriaResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stabilization period with a fixed clock: when it starts, when the next round is, when it is over. */
class StabilizationServiceTest {

  static final Instant FIRST_PASS = Instant.parse("2026-03-02T10:00:00Z");

  private final ChangeRepository changes = mock(ChangeRepository.class);
  private final AuditTrail audit = mock(AuditTrail.class);

  private StabilizationService at(Instant now, Integer minutes) {
    when(changes.find("CHG-1")).thenReturn(Optional.of(UnitChanges.change("CHG-1", "payments-api", "staging", null,
        new ValidationSpec(null, null, minutes, null))));
    DeploymentProperties properties = new DeploymentProperties("sandbox", 5, Map.of(),
        Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(1));
    MonitoringProperties monitoring = new MonitoringProperties("sandbox",
        new MonitoringProperties.Criteria(0.05, 1000, 0L, 0), Map.of(), Duration.ofSeconds(10));
    return new StabilizationService(changes, properties, audit, new SuccessCriteriaResolver(monitoring),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void theFirstPassingRoundStartsThePeriodAndTheNextRoundIsOneIntervalLater() {
    Stabilization first = at(FIRST_PASS, 5).check("CHG-1", null);

    assertThat(first.stabilized()).isFalse();
    assertThat(first.endsAt()).isEqualTo("2026-03-02T10:05:00Z");
    assertThat(first.nextValidationIn()).isEqualTo("PT1M");
    verify(audit).record(eq(DeploymentService.SYSTEM), eq(AuditAction.STABILIZING), eq("CHG-1"), anyMap());
  }

  @Test
  void theLastWaitIsCutToTheEndOfThePeriodAndThenTheChangeIsStable() {
    Stabilization almost = at(FIRST_PASS.plusSeconds(4 * 60 + 30), 5).check("CHG-1", "2026-03-02T10:05:00Z");

    assertThat(almost.stabilized()).isFalse();
    assertThat(almost.nextValidationIn()).isEqualTo("PT30S");

    Stabilization over = at(FIRST_PASS.plusSeconds(5 * 60), 5).check("CHG-1", "2026-03-02T10:05:00Z");

    assertThat(over.stabilized()).isTrue();
    assertThat(over.nextValidationIn()).isEqualTo("PT0S");
    verify(audit, never()).record(any(), eq(AuditAction.STABILIZING), any(), anyMap());
  }

  @Test
  void withoutAPeriodTheFirstPassingRoundIsEnough() {
    Stabilization none = at(FIRST_PASS, 0).check("CHG-1", null);

    assertThat(none.stabilized()).isTrue();
    verify(audit, never()).record(any(), any(), any(), anyMap());
  }
}
