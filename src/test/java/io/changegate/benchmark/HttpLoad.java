package io.changegate.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Requests sent by a few HTTP clients at once, as pipelines send them, to an application in a JVM of its own. */
final class HttpLoad {

  private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

  private HttpLoad() {}

  /**
   * Sends requests number {@code from} to {@code from + count - 1}, {@code threads} clients at a time, and returns
   * how many were answered with a 2xx status (the others, and those that failed, are refused).
   */
  static int send(HttpClient http, int from, int count, int threads, IntFunction<HttpRequest> request)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger(from);
    AtomicInteger accepted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        clients.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < from + count; i = next.getAndIncrement()) {
            try {
              int status = http.send(request.apply(i), HttpResponse.BodyHandlers.discarding()).statusCode();
              if (status / 100 == 2) {
                accepted.incrementAndGet();
              }
            } catch (IOException e) {
              // refused
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
        }));
      }
      for (Future<?> client : clients) {
        client.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
    return accepted.get();
  }

  /** The {@code count} of a Camunda REST count resource ({@code {"count": n}}); -1 when it did not answer one. */
  static long count(HttpClient http, HttpRequest count) throws IOException, InterruptedException {
    Matcher m = COUNT.matcher(http.send(count, HttpResponse.BodyHandlers.ofString()).body());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Asks {@code count} every 100 ms until it reaches {@code expected}, the time is up or the process died. */
  static long waitForCount(HttpClient http, HttpRequest count, long expected, Duration timeout, Process process)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    long reached = count(http, count);
    while (reached < expected && Instant.now().isBefore(deadline) && process.isAlive()) {
      Thread.sleep(100);
      reached = count(http, count);
    }
    return reached;
  }
}
