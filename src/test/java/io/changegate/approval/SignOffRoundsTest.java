package io.changegate.approval;

import io.changegate.audit.AuditAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.changegate.audit.AuditTrail;
import io.changegate.change.ChangeService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a round of sign-offs makes its outcome and records it ({@link SignOffRounds}), without Spring. */
class SignOffRoundsTest {

  static final String ID = "CHG-000300";

  private final AuditTrail audit = mock(AuditTrail.class);
  private final SignOffRounds rounds = new SignOffRounds(audit,
      org.mockito.Mockito.mock(io.changegate.calendar.ServiceDependencyService.class));

  @Test
  void aRoundPassesUntilAGroupDecidesOtherwise() {
    assertThat(rounds.opened().passed()).isTrue();
    assertThat(rounds.afterGroupDecision("APPROVE", "fine", "cab")).isEmpty();
    assertThat(rounds.afterGroupDecision("REJECT", "Secrets in the image", "security"))
        .hasValue(new SignOffRounds.Outcome("REJECT", "Secrets in the image", "security"));
    assertThat(rounds.afterGroupDecision("REQUEST_CHANGES", null, "legal"))
        .hasValue(new SignOffRounds.Outcome("REQUEST_CHANGES", "", "legal"));
  }

  @Test
  void aPassedRoundRecordsItsGroupsOnly() {
    rounds.ended(ID, rounds.opened(), List.of("cab", "security"), List.of());

    verify(audit).record(ChangeService.SYSTEM_ACTOR, AuditAction.SIGN_OFF_ROUND_ENDED, ID,
        Map.of("outcome", "APPROVE", "groups", List.of("cab", "security")));
  }

  @Test
  void aFailedRoundRecordsWhoDecidedWhyAndWhichSignOffsItCancelled() {
    rounds.ended(ID, new SignOffRounds.Outcome("REJECT", "Secrets in the image", "security"),
        List.of("cab", "legal", "security"), List.of("Sign-off legal", "Sign-off cab"));

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outcome", "REJECT");
    details.put("groups", List.of("cab", "legal", "security"));
    details.put("decidedBy", "security");
    details.put("comment", "Secrets in the image");
    details.put("cancelled", List.of("Sign-off cab", "Sign-off legal"));
    verify(audit).record(ChangeService.SYSTEM_ACTOR, AuditAction.SIGN_OFF_ROUND_ENDED, ID, details);
  }

  @Test
  void theRequiredGroupsAreRecordedWithTheDecisionThatRequiredThem() {
    rounds.required(ID, List.of("legal"));

    verify(audit).record(ChangeService.SYSTEM_ACTOR, AuditAction.SIGN_OFFS_REQUIRED, ID,
        Map.of("groups", List.of("legal"), "decision", ReviewProcess.REQUIRED_SIGN_OFFS_DECISION));
  }
}
