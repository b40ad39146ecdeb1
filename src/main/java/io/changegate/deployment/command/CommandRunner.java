package io.changegate.deployment.command;

import io.changegate.outbound.HttpCalls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program with an argument list ({@link ProcessBuilder}, no shell), a clean environment, a timeout
 * and its output (stdout and stderr together) captured up to a limit. A program that does not start or
 * does not end in time is a technical failure; the process tree is killed.
 */
public final class CommandRunner {

  /** What the program did. */
  public record Result(int exitCode, String output) {}

  private CommandRunner() {}

  public static Result run(List<String> argv, Map<String, String> environment, Path directory, Duration timeout,
      int maxOutputChars) {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new HttpCalls.SystemUnavailableException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // stdin is not used
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream(),
        maxOutputChars));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new HttpCalls.SystemUnavailableException(argv.get(0) + " did not finish within " + timeout
            + " and was killed; output so far: " + HttpCalls.abbreviate(output.getNow("")), null);
      }
      return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new HttpCalls.SystemUnavailableException(argv.get(0) + " was interrupted", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return new Result(process.exitValue(), "(output could not be read: " + e.getMessage() + ")");
    }
  }

  private static String read(InputStream in, int maxChars) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        int room = (int) Math.max(0, Math.min(n, maxChars - total));
        kept.write(buffer, 0, room);
        total += n;
      }
    } catch (IOException e) {
      // the process was killed: keep what was read
    }
    String text = kept.toString(StandardCharsets.UTF_8);
    return total > maxChars ? text + "\n…[output truncated after " + maxChars + " characters]" : text;
  }
}
