package io.changegate.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one rollout-timeout rule, for deploys and rollbacks alike, with a fixed clock: a rollout still in progress
 * {@code rollout-timeout} after its call has failed; the record keeps the latest state.
 */
class RolloutWatchTest {

  static final Instant CALLED_AT = Instant.parse("2026-03-02T10:00:00Z");
  static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final DeploymentRecords records = mock(DeploymentRecords.class);
  private final DeploymentPort port = mock(DeploymentPort.class);

  private RolloutWatch watchAt(Instant now) {
    when(port.adapter()).thenReturn("argocd");
    DeploymentAdapters adapters = new DeploymentAdapters(List.of(port), properties());
    return new RolloutWatch(adapters, records, properties(), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static DeploymentProperties properties() {
    return new DeploymentProperties("argocd", 5, Map.of(), Duration.ofSeconds(30), Duration.ofSeconds(10),
        TIMEOUT, Duration.ofMinutes(1));
  }

  private static StoredCall call(String key, String result, String rollout) {
    return new StoredCall(key, "CHG-1", "DEPLOY", 0, "api", "argocd", "payments-api", "staging", "2.0.0", null,
        result, false, "synced", new Release("1.0.0", null, "1"), "op-1", rollout, null, CALLED_AT, CALLED_AT);
  }

  private static DeploymentOrder order(String key) {
    return new DeploymentOrder("CHG-1", key, DeploymentOrder.Kind.DEPLOY, "api", "payments-api", "staging", "2.0.0",
        null, false);
  }

  @Test
  void inProgressWithinTheTimeoutStaysInProgress() {
    when(records.find("k")).thenReturn(Optional.of(call("k", StoredCall.DEPLOYED, null)));
    when(port.rolloutState(any(), anyString())).thenReturn(Rollout.of(RolloutState.IN_PROGRESS, "Progressing"));

    RolloutWatch.Progress progress = watchAt(CALLED_AT.plus(TIMEOUT)).check(order("k"));

    assertThat(progress.state()).isEqualTo(RolloutState.IN_PROGRESS);
    assertThat(progress.changed()).isTrue();
    verify(records).updateRollout("k", RolloutState.IN_PROGRESS, "Progressing");
  }

  @Test
  void inProgressBeyondTheTimeoutHasFailed() {
    when(records.find("k")).thenReturn(Optional.of(call("k", StoredCall.DEPLOYED, "IN_PROGRESS")));
    when(port.rolloutState(any(), anyString())).thenReturn(Rollout.of(RolloutState.IN_PROGRESS, "Progressing"));

    RolloutWatch.Progress progress = watchAt(CALLED_AT.plus(TIMEOUT).plusSeconds(1)).check(order("k"));

    assertThat(progress.state()).isEqualTo(RolloutState.FAILED);
    assertThat(progress.rollout().detail()).isEqualTo("still in progress after PT30M: Progressing");
    assertThat(progress.changed()).isTrue();
    verify(records).updateRollout("k", RolloutState.FAILED, "still in progress after PT30M: Progressing");
  }

  @Test
  void aRolloutThatEndedIsNotTimedOutAndAnUnchangedStateIsNotWrittenAgain() {
    when(records.find("k")).thenReturn(Optional.of(call("k", StoredCall.DEPLOYED, "HEALTHY")));
    when(port.rolloutState(any(), anyString())).thenReturn(Rollout.of(RolloutState.HEALTHY, "Healthy"));

    RolloutWatch.Progress progress = watchAt(CALLED_AT.plus(Duration.ofDays(1))).check(order("k"));

    assertThat(progress.state()).isEqualTo(RolloutState.HEALTHY);
    assertThat(progress.changed()).isFalse();
    verify(records, never()).updateRollout(any(), any(), any());
  }

  @Test
  void aRefusedCallHasFailedAndARestoredTargetOrADryRunStartedNoRolloutToAsk() {
    when(records.find("refused")).thenReturn(Optional.of(call("refused", StoredCall.REFUSED, null)));
    when(records.find("restored")).thenReturn(Optional.of(call("restored", StoredCall.ALREADY_RESTORED, null)));
    RolloutWatch watch = watchAt(CALLED_AT.plus(Duration.ofDays(1)));

    assertThat(watch.check(order("refused")).state()).isEqualTo(RolloutState.FAILED);
    assertThat(watch.check(order("restored")).state()).isEqualTo(RolloutState.HEALTHY);
    verify(port, never()).rolloutState(any(), any());
  }
}
