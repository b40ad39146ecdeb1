package io.changegate.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a condition holds or the time is up. */
public final class Await {

  private Await() {}

  public static <T> T until(Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done,
      String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = probe.get();
    }
    return last;
  }
}
