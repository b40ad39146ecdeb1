package io.changegate.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.changegate.outbound.CallJournal;
import io.changegate.outbound.CallOutcome;
import io.changegate.outbound.IdempotentCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Deploys and rollbacks of targets through the one idempotent-call protocol: what "the target is already there"
 * means for each, and the rollback's own idempotency key.
 */
class TargetCallsTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);

  private final DeploymentPort port = mock(DeploymentPort.class);
  private final DeploymentRecords records = mock(DeploymentRecords.class);
  @SuppressWarnings("unchecked")
  private final CallJournal<Release, DeploymentOutcome> journal = mock(CallJournal.class);
  private final TargetCalls calls;

  TargetCallsTest() {
    when(port.adapter()).thenReturn("argocd");
    when(port.seesReleases()).thenReturn(true);
    DeploymentProperties properties = new DeploymentProperties("argocd", 5, Map.of(),
        Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(1));
    calls = new TargetCalls(new DeploymentAdapters(List.of(port), properties), records, new IdempotentCalls());
    when(records.journal(any(), anyString(), anyInt(), anyString())).thenReturn(journal);
    when(journal.find()).thenReturn(Optional.empty());
  }

  private static DeploymentOrder order() {
    return new DeploymentOrder("CHG-1", "CHG-1:api:" + DIGEST, DeploymentOrder.Kind.DEPLOY, "api", "payments-api",
        "staging", "2.0.0", DIGEST, false);
  }

  private static StoredCall deployed(Release previous) {
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    return new StoredCall("CHG-1:api:" + DIGEST, "CHG-1", "DEPLOY", 0, "api", "argocd", "payments-api", "staging",
        "2.0.0", DIGEST, StoredCall.DEPLOYED, false, "synced", previous, "op-1", "HEALTHY", null, at, at);
  }

  @Test
  void aTargetThatRunsTheDigestAlreadyIsNotDeployedAgain() {
    when(port.currentRelease("api", "staging")).thenReturn(Optional.of(new Release("2.0.0-renamed", DIGEST)));

    TargetCalls.Made made = calls.deploy(order(), DeploymentRecords.KIND_DEPLOY, 0, "argocd");

    assertThat(made.outcome()).isEqualTo(CallOutcome.ALREADY_THERE);
    assertThat(made.result()).isEqualTo(StoredCall.ALREADY_RUNNING);
    assertThat(made.answer().detail()).isEqualTo("api already runs 2.0.0 in staging: nothing to do");
    verify(port, never()).deploy(any());
  }

  @Test
  void aRollbackPutsThePreviousReleaseBackUnderItsOwnKey() {
    Release previous = new Release("1.0.0", null, "1");
    when(port.currentRelease("api", "staging")).thenReturn(Optional.of(new Release("2.0.0", DIGEST)));
    when(port.rollback(any(), eq(previous))).thenReturn(DeploymentOutcome.success("rolled back", "op-2"));

    TargetCalls.Made made = calls.restore(deployed(previous), order(), DeploymentRecords.KIND_ROLLBACK);

    assertThat(made.outcome()).isEqualTo(CallOutcome.CALLED);
    assertThat(made.result()).isEqualTo(StoredCall.ROLLED_BACK);
    verify(records).journal(
        order().restoring(previous), DeploymentRecords.KIND_ROLLBACK, 0, "argocd");
    verify(journal).recordIntent(new Release("2.0.0", DIGEST));
    verify(port).rollback(order().withIdempotencyKey("rollback:CHG-1:api:" + DIGEST), previous);
  }

  @Test
  void aTargetThatRanNothingBeforeIsRestoredWhenItRunsNothing() {
    when(port.currentRelease("api", "staging")).thenReturn(Optional.empty());

    TargetCalls.Made made = calls.restore(deployed(null), order(), DeploymentRecords.KIND_ROLLBACK);

    assertThat(made.outcome()).isEqualTo(CallOutcome.ALREADY_THERE);
    assertThat(made.result()).isEqualTo(StoredCall.ALREADY_RESTORED);
    assertThat(made.answer().detail()).isEqualTo("api runs nothing again");
    verify(port, never()).rollback(any(), any());
  }

  @Test
  void aPortThatCannotSeeWhatRunsIsAskedToRollBackInsteadOfBeingTakenAsRestored() {
    // a command adapter without a current command: its empty answer means "unknown", not "nothing runs"
    when(port.seesReleases()).thenReturn(false);
    when(port.currentRelease("api", "staging")).thenReturn(Optional.empty());
    when(port.rollback(any(), any())).thenReturn(DeploymentOutcome.refused("no rollback command is configured"));

    TargetCalls.Made made = calls.restore(deployed(null), order(), DeploymentRecords.KIND_ROLLBACK);

    assertThat(made.outcome()).isNotEqualTo(CallOutcome.ALREADY_THERE);
    assertThat(made.result()).isNotEqualTo(StoredCall.ALREADY_RESTORED);
    assertThat(made.answer().detail()).isEqualTo("no rollback command is configured");
    verify(port).rollback(order().withIdempotencyKey("rollback:CHG-1:api:" + DIGEST), null);
  }

  @Test
  void aRetriedRollbackThatFindsThePreviousReleaseRunningDoesNotCallAgain() {
    Release previous = new Release("1.0.0", "sha256:" + "cd".repeat(32), "1");
    when(journal.find()).thenReturn(Optional.of(new CallJournal.Entry<>(false, false, new Release("2.0.0", DIGEST))));
    when(port.currentRelease("api", "staging")).thenReturn(Optional.of(previous));

    TargetCalls.Made made = calls.restore(deployed(previous), order(), DeploymentRecords.KIND_ROLLBACK);

    assertThat(made.outcome()).isEqualTo(CallOutcome.CALLED_EARLIER);
    assertThat(made.result()).isEqualTo(StoredCall.ROLLED_BACK);
    assertThat(made.answer().detail()).endsWith(": an earlier attempt rolled it back; no second call");
    verify(journal).complete(eq(CallOutcome.CALLED_EARLIER), any());
    verify(port, never()).rollback(any(), any());
  }
}
