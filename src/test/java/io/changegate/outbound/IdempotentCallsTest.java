package io.changegate.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The idempotent external-call protocol without Spring, engine or database: a target that runs a version and a
 * journal whose intent commits at once while everything else commits or rolls back with the job, so a crash
 * between the call and its answer can be played out.
 */
class IdempotentCallsTest {

  private final IdempotentCalls protocol = new IdempotentCalls();
  private final FakeTarget target = new FakeTarget("1.0");
  private final FakeJournal journal = new FakeJournal();

  /** A deploy of {@code version} to the fake target. */
  private ExternalCall<String, String> deploy(String version, boolean dryRun) {
    return new ExternalCall<>() {
      @Override
      public boolean dryRun() {
        return dryRun;
      }

      @Override
      public String observe() {
        target.asked++;
        return target.runs;
      }

      @Override
      public boolean reached(String observed) {
        return version.equals(observed);
      }

      @Override
      public String call() {
        target.log.add("call " + version + (dryRun ? " (dry run)" : "") + " with journal " + journal.committed);
        target.calls++;
        if (target.down) {
          throw new IllegalStateException("connection refused");
        }
        if (target.refuses) {
          return "refused";
        }
        if (!dryRun) {
          target.runs = version;
        }
        return "deployed " + version;
      }

      @Override
      public boolean succeeded(String answer) {
        return !answer.equals("refused");
      }

      @Override
      public String alreadyThere(String observed, boolean earlierAttempt) {
        return earlierAttempt ? "earlier attempt deployed " + observed : "already runs " + observed;
      }
    };
  }

  /** One execution of the job: its transaction commits when it ends normally and rolls back when it throws. */
  private IdempotentCalls.Attempt<String, String> job(ExternalCall<String, String> call) {
    try {
      IdempotentCalls.Attempt<String, String> attempt = protocol.make(call, journal);
      journal.commit();
      return attempt;
    } catch (RuntimeException crash) {
      journal.rollback();
      throw crash;
    }
  }

  @Test
  void theCallIsWrittenDownAsCallingAndCommittedBeforeItIsMade() {
    var attempt = job(deploy("2.0", false));

    assertThat(attempt.outcome()).isEqualTo(CallOutcome.CALLED);
    assertThat(attempt.before()).isEqualTo("1.0");
    assertThat(target.log).containsExactly("call 2.0 with journal {CALLING before 1.0}");
    assertThat(journal.committed).isEqualTo(Map.of("state", "CALLED", "answer", "deployed 2.0", "before", "1.0"));
  }

  @Test
  void aCrashBetweenTheCallAndItsAnswerIsRetriedByAskingTheTargetFirstAndNeverCallingTwice() {
    ExternalCall<String, String> deploy = deploy("2.0", false);
    // the job calls, the system deploys, then the job's transaction is lost (crash, expired lock)
    protocol.make(deploy, journal);
    journal.rollback();
    assertThat(journal.committed).containsEntry("state", "CALLING");
    assertThat(target.calls).isEqualTo(1);

    var retry = job(deploy);

    assertThat(target.asked).as("the retry asked the target first").isEqualTo(2);
    assertThat(target.calls).as("no second call").isEqualTo(1);
    assertThat(retry.outcome()).isEqualTo(CallOutcome.CALLED_EARLIER);
    assertThat(retry.before()).as("what ran before the first attempt").isEqualTo("1.0");
    assertThat(journal.committed).containsEntry("state", "CALLED_EARLIER")
        .containsEntry("answer", "earlier attempt deployed 2.0");

    var once = job(deploy);

    assertThat(once.outcome()).isEqualTo(CallOutcome.FINISHED_EARLIER);
    assertThat(target.asked).as("a finished call is not even asked about").isEqualTo(2);
    assertThat(target.calls).isEqualTo(1);
  }

  @Test
  void aCallThatNeverReachedTheSystemIsMadeOnTheRetry() {
    ExternalCall<String, String> deploy = deploy("2.0", false);
    target.down = true;
    assertThatThrownBy(() -> job(deploy)).hasMessageContaining("connection refused");
    assertThat(journal.committed).containsEntry("state", "CALLING");

    target.down = false;
    var retry = job(deploy);

    assertThat(retry.outcome()).isEqualTo(CallOutcome.CALLED);
    assertThat(target.runs).isEqualTo("2.0");
    assertThat(target.calls).isEqualTo(2);
    assertThat(journal.committed).containsEntry("state", "CALLED").containsEntry("before", "1.0");
  }

  @Test
  void aTargetThatRunsTheVersionAlreadyIsNotCalled() {
    target.runs = "2.0";

    var attempt = job(deploy("2.0", false));

    assertThat(attempt.outcome()).isEqualTo(CallOutcome.ALREADY_THERE);
    assertThat(target.calls).isZero();
    assertThat(journal.committed).isEqualTo(Map.of("state", "ALREADY_THERE", "answer", "already runs 2.0",
        "before", "2.0"));
  }

  @Test
  void aRefusalIsRecordedAndNotCalledAgain() {
    target.refuses = true;
    ExternalCall<String, String> deploy = deploy("2.0", false);

    assertThat(job(deploy).outcome()).isEqualTo(CallOutcome.REFUSED);
    var retry = job(deploy);

    assertThat(retry.outcome()).isEqualTo(CallOutcome.REFUSED_EARLIER);
    assertThat(retry.outcome().succeeded()).isFalse();
    assertThat(target.calls).isEqualTo(1);
  }

  @Test
  void aDryRunIsAlwaysCalledAndRecordedAfterwardsWithoutAnIntent() {
    target.runs = "2.0";

    var attempt = job(deploy("2.0", true));

    assertThat(attempt.outcome()).isEqualTo(CallOutcome.DRY_RUN);
    assertThat(target.log).containsExactly("call 2.0 (dry run) with journal {}");
    assertThat(journal.committed).containsEntry("state", "DRY_RUN");
    assertThat(job(deploy("2.0", true)).outcome()).isEqualTo(CallOutcome.FINISHED_EARLIER);
    assertThat(target.calls).isEqualTo(1);
  }

  /** A deployment target: what it runs, how often it was asked and called. */
  static final class FakeTarget {
    String runs;
    int asked;
    int calls;
    boolean down;
    boolean refuses;
    final List<String> log = new ArrayList<>();

    FakeTarget(String runs) {
      this.runs = runs;
    }
  }

  /** One row: the intent commits at once, the rest with the job ({@link #commit}, {@link #rollback}). */
  static final class FakeJournal implements CallJournal<String, String> {
    Map<String, String> committed = new HashMap<>();
    Map<String, String> pending;

    @Override
    public Optional<Entry<String>> find() {
      Map<String, String> row = pending != null ? pending : committed;
      if (row.isEmpty()) {
        return Optional.empty();
      }
      boolean finished = !"CALLING".equals(row.get("state"));
      return Optional.of(new Entry<>(finished, row.get("state").startsWith("REFUSED"), row.get("before")));
    }

    @Override
    public void recordIntent(String before) {
      committed = new HashMap<>(Map.of("state", "CALLING", "before", before)) {
        @Override
        public String toString() {
          return "{CALLING before " + before + "}";
        }
      };
    }

    @Override
    public void complete(CallOutcome outcome, String answer) {
      pending = new HashMap<>(committed);
      pending.put("state", outcome.name());
      pending.put("answer", answer);
    }

    @Override
    public void record(CallOutcome outcome, String answer, String before) {
      pending = new HashMap<>(Map.of("state", outcome.name(), "answer", answer, "before", before));
    }

    void commit() {
      if (pending != null) {
        committed = pending;
      }
      pending = null;
    }

    void rollback() {
      pending = null;
    }
  }
}
