package io.changegate.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.change.ChangeService;
import io.changegate.change.TargetAdapters;
import io.changegate.deployment.PromotionPolicy;
import io.changegate.deployment.UnitChanges;
import io.changegate.support.Catalogs;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** What the ECAB form says about promotion before anyone decides. */
class EmergencyPromotionCheckTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);

  private final ChangeService changes = Mockito.mock(ChangeService.class);
  private Optional<String> validatedBy = Optional.empty();
  private final EmergencyPromotionCheck check = new EmergencyPromotionCheck(changes, new PromotionPolicy(
      Catalogs.demo(), new TargetAdapters() {
        @Override
        public Set<String> names() {
          return Set.of("sandbox");
        }

        @Override
        public String defaultAdapter() {
          return "sandbox";
        }

        @Override
        public Set<String> simulators() {
          return Set.of("sandbox");
        }
      }, (environment, service, digest, excludedAdapters) -> validatedBy));

  @Test
  void aDigestNeverValidatedInStagingWillBeRefusedAndTheFormSaysSoBeforeTheEcabDecides() {
    Mockito.when(changes.get("CHG-1")).thenReturn(UnitChanges.change("CHG-1", "payments-api", "production", DIGEST));
    assertThat(check.describe("CHG-1")).startsWith("WILL BE REFUSED").contains("no successful, validated deployment")
        .contains("in staging").contains("PROMOTION_REFUSED");
  }

  @Test
  void aValidatedDigestPassesWithItsEvidenceAndTheFirstEnvironmentTakesAnyDigest() {
    validatedBy = Optional.of("CHG-0");
    Mockito.when(changes.get("CHG-1")).thenReturn(UnitChanges.change("CHG-1", "payments-api", "production", DIGEST));
    assertThat(check.describe("CHG-1")).isEqualTo("Passes: this digest was deployed and validated before by CHG-0.");
    Mockito.when(changes.get("CHG-2")).thenReturn(UnitChanges.change("CHG-2", "payments-api", "staging", DIGEST));
    assertThat(check.describe("CHG-2")).startsWith("Passes: staging takes any digest");
  }
}
