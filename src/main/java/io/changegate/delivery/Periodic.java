package io.changegate.delivery;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A task of the delivery capability that runs every so often on a daemon thread of its own; a failure is reported. */
final class Periodic {

  private Periodic() {
  }

  /** Runs {@code task} after {@code firstMillis}, then {@code everyMillis} after each run ends. */
  static ScheduledExecutorService start(String threadName, long firstMillis, long everyMillis, Runnable task,
      Consumer<RuntimeException> failed) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        failed.accept(e);
      }
    }, firstMillis, everyMillis, TimeUnit.MILLISECONDS);
    return executor;
  }
}
