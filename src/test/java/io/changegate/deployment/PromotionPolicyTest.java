package io.changegate.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.change.Change;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Immutable promotion, without Spring or a database: the changes validated so far are a list. */
class PromotionPolicyTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);

  /** A validated deployment: environment, service, digest and the change that did it. */
  record Validated(String environment, String service, String digest, String changeId) {}

  private final List<Validated> validated = new ArrayList<>();
  private final List<String> asked = new ArrayList<>();
  private final ValidatedReleases releases = (environment, service, digest) -> {
    asked.add(environment + "/" + service + "/" + digest);
    return validated.stream().filter(v -> v.environment().equals(environment) && v.service().equals(service)
        && v.digest().equals(digest)).map(Validated::changeId).reduce((older, newer) -> newer);
  };
  private final PromotionPolicy policy = new PromotionPolicy(properties(List.of("dev", "staging", "production")),
      releases);

  private static DeploymentProperties properties(List<String> promotionOrder) {
    return new DeploymentProperties("sandbox", promotionOrder, 5, Map.of(), Duration.ofSeconds(30),
        Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(1));
  }

  @Test
  void theFirstEnvironmentAndEnvironmentsOutsideTheOrderTakeAnyDigest() {
    assertThat(policy.refusal(UnitChanges.change("CHG-1", "payments-api", "dev", DIGEST))).isEmpty();
    assertThat(policy.refusal(UnitChanges.change("CHG-2", "payments-api", "sandbox-eu", null))).isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void aDigestReachesAnEnvironmentOnlyAfterItWasValidatedInTheOneBefore() {
    Change production = UnitChanges.change("CHG-3", "payments-api", "production", DIGEST);

    Optional<String> refusal = policy.refusal(production);

    assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
        .contains(DIGEST, "payments-api", "no successful, validated deployment in staging", "production"));
    assertThat(asked).containsExactly("staging/payments-api/" + DIGEST);

    validated.add(new Validated("staging", "payments-api", DIGEST, "CHG-2"));

    assertThat(policy.refusal(production)).isEmpty();
    assertThat(policy.evidence(production)).contains("CHG-2");
  }

  @Test
  void onlyTheSameDigestOfTheSameServiceInThePreviousEnvironmentCounts() {
    validated.add(new Validated("staging", "payments-api", OTHER_DIGEST, "CHG-4"));
    validated.add(new Validated("staging", "ledger", DIGEST, "CHG-5"));
    validated.add(new Validated("dev", "payments-api", DIGEST, "CHG-6"));

    Change production = UnitChanges.change("CHG-7", "payments-api", "production", DIGEST);

    assertThat(policy.refusal(production)).isPresent();
    assertThat(policy.evidence(production)).isEmpty();
    // one step only: dev's validation is what staging needs, not production
    assertThat(policy.refusal(UnitChanges.change("CHG-8", "payments-api", "staging", DIGEST))).isEmpty();
    assertThat(policy.evidence(UnitChanges.change("CHG-8", "payments-api", "staging", DIGEST))).contains("CHG-6");
  }

  @Test
  void withoutADigestNothingIsPromotedPastTheFirstEnvironment() {
    Optional<String> refusal = policy.refusal(UnitChanges.change("CHG-9", "payments-api", "staging", null));

    assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason)
        .contains("Promotion to staging needs the artifact's digest", "validated in dev"));
    assertThat(asked).isEmpty();
  }

  @Test
  void withoutAPromotionOrderEveryEnvironmentTakesAnyDigest() {
    PromotionPolicy unordered = new PromotionPolicy(properties(List.of()), releases);

    assertThat(unordered.refusal(UnitChanges.change("CHG-10", "payments-api", "production", null))).isEmpty();
    assertThat(unordered.evidence(UnitChanges.change("CHG-10", "payments-api", "production", DIGEST))).isEmpty();
  }
}
