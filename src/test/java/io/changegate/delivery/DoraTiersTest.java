package io.changegate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code processes/dora-tiers.dmn} as the DMN engine evaluates it: DORA 2024's boundaries per key, the next tier and
 * its bound; and the report's overall tier and the key that holds a service back.
 */
class DoraTiersTest {

  static DmnEngine engine;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/dora-tiers.dmn"))) {
      decision = engine.parseDecision("dora-tiers", in);
    }
  }

  /** The maturity model of the table, as the engine adapter reads it, without the engine. */
  static final MaturityModel TABLE = (key, value) -> {
    DmnDecisionResult result = engine.evaluateDecision(decision,
        Variables.createVariables().putValue("key", key.id()).putValue("value", value));
    if (result.isEmpty()) {
      return Tier.UNRATED;
    }
    var entries = result.getFirstResult();
    Number bound = (Number) entries.get("nextTierBound");
    Number rank = (Number) entries.get("rank");
    return new Tier((String) entries.get("tier"), rank.intValue(), (String) entries.get("nextTier"),
        bound == null ? null : bound.doubleValue(), (String) entries.get("comparison"),
        bound == null ? null : Math.abs(value - bound.doubleValue()), (String) entries.get("rule"));
  };

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "DEPLOYMENT_FREQUENCY, 7, ELITE, ",
      "DEPLOYMENT_FREQUENCY, 6.99, HIGH, ELITE",
      "DEPLOYMENT_FREQUENCY, 1, HIGH, ELITE",
      "DEPLOYMENT_FREQUENCY, 0.99, MEDIUM, HIGH",
      "DEPLOYMENT_FREQUENCY, 0.23, MEDIUM, HIGH",
      "DEPLOYMENT_FREQUENCY, 0, LOW, MEDIUM",
      "LEAD_TIME_FOR_CHANGES, 23.99, ELITE, ",
      "LEAD_TIME_FOR_CHANGES, 24, HIGH, ELITE",
      "LEAD_TIME_FOR_CHANGES, 168, HIGH, ELITE",
      "LEAD_TIME_FOR_CHANGES, 168.01, MEDIUM, HIGH",
      "LEAD_TIME_FOR_CHANGES, 720, MEDIUM, HIGH",
      "LEAD_TIME_FOR_CHANGES, 721, LOW, MEDIUM",
      "CHANGE_FAILURE_RATE, 0, ELITE, ",
      "CHANGE_FAILURE_RATE, 5, ELITE, ",
      "CHANGE_FAILURE_RATE, 5.01, HIGH, ELITE",
      "CHANGE_FAILURE_RATE, 20, HIGH, ELITE",
      "CHANGE_FAILURE_RATE, 39.99, MEDIUM, HIGH",
      "CHANGE_FAILURE_RATE, 40, LOW, MEDIUM",
      "FAILED_DEPLOYMENT_RECOVERY_TIME, 0.99, ELITE, ",
      "FAILED_DEPLOYMENT_RECOVERY_TIME, 1, HIGH, ELITE",
      "FAILED_DEPLOYMENT_RECOVERY_TIME, 24, MEDIUM, HIGH",
      "FAILED_DEPLOYMENT_RECOVERY_TIME, 168, MEDIUM, HIGH",
      "FAILED_DEPLOYMENT_RECOVERY_TIME, 169, LOW, MEDIUM"})
  void eachKeyIsRatedAtDoraBoundaries(DoraKey key, double value, String tier, String next) {
    Tier rated = TABLE.tier(key, value);

    assertThat(rated.tier()).isEqualTo(tier);
    assertThat(rated.nextTier()).isEqualTo(next);
    assertThat(rated.nextTierBound() == null).isEqualTo(next == null);
  }

  @Test
  void reworkRateHasNoDoraTier() {
    assertThat(TABLE.tier(DoraKey.DEPLOYMENT_REWORK_RATE, 12).rated()).isFalse();
  }

  @Test
  void theOverallTierIsTheLowestAndTheGapNamesTheNextTiersBound() {
    // two deployments a week (HIGH), lead time 72 h (HIGH, 48 h above elite's 24), one of two failed (50 %: LOW)
    List<Deployment> history = List.of(
        new Deployment("A", "payments-api", "payments", "production", false, Instant.parse("2026-02-27T10:00:00Z"),
            null, Instant.parse("2026-03-02T10:00:00Z"), "COMPLETED", null, null),
        new Deployment("B", "payments-api", "payments", "production", false, Instant.parse("2026-03-05T10:00:00Z"),
            null, Instant.parse("2026-03-08T10:00:00Z"), "ROLLED_BACK", Instant.parse("2026-03-08T10:30:00Z"), null));
    DeliveryProperties settings = new DeliveryProperties("production", Duration.ofHours(24), ZoneOffset.UTC, 90, 1830,
        1000, Duration.ZERO, 30, false);
    DoraService service = new DoraService((filter, from, to) -> history, TABLE, settings,
        Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC));

    DoraReport report = service.report(service.filter(null, null, null),
        Period.ofDays(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-08"), ZoneOffset.UTC), null);

    DoraReport.Summary overall = report.overall();
    assertThat(report.environment()).isEqualTo("production");
    assertThat(overall.keys()).extracting(DoraReport.KeyResult::tier)
        .containsExactly("HIGH", "HIGH", "LOW", "ELITE", null);
    DoraReport.KeyResult lead = overall.keys().get(1);
    assertThat(lead.value()).isEqualTo(72.0);
    assertThat(lead.nextTier()).isEqualTo("ELITE");
    assertThat(lead.nextTierBound()).isEqualTo(24.0);
    assertThat(lead.gap()).isEqualTo(48.0);
    assertThat(overall.tier()).isEqualTo("LOW");
    assertThat(overall.heldBackBy()).isEqualTo("changeFailureRate");
    assertThat(report.groups()).extracting(DoraReport.Summary::group).containsExactly("payments-api");
    assertThat(report.trend()).hasSize(1);
    assertThat(report.trend().get(0).figures().deployments()).isEqualTo(2);
  }

  @Test
  void aServiceWithoutAProductionDeploymentIsLowOnFrequencyAndUnratedElsewhere() {
    DeliveryProperties settings = new DeliveryProperties("production", Duration.ofHours(24), ZoneOffset.UTC, 90, 1830,
        1000, Duration.ZERO, 30, false);
    DoraService service = new DoraService((filter, from, to) -> List.of(), TABLE, settings,
        Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC));

    DoraReport report = service.report(service.filter("ledger", null, null),
        Period.ofDays(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"), ZoneOffset.UTC), "service");

    assertThat(report.groups()).extracting(DoraReport.Summary::group).containsExactly("ledger");
    DoraReport.Summary ledger = report.groups().get(0);
    assertThat(ledger.figures().deployments()).isZero();
    assertThat(ledger.keys()).extracting(DoraReport.KeyResult::tier).containsExactly("LOW", null, null, null, null);
    assertThat(ledger.heldBackBy()).isEqualTo("deploymentFrequency");
  }
}
