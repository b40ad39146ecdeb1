package io.changegate.featureflag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Unleash server for tests: the npm package {@code unleash-server} ({@code .ci/run} installs the pinned version
 * in {@code /opt/changegate-unleash}; {@code CHANGEGATE_UNLEASH_HOME} points elsewhere), run by Node.js on a free port
 * of 127.0.0.1 with a PostgreSQL database of its own (created here, dropped by {@link #close()}) and an admin API token
 * created at its start. Without the package, Node.js or PostgreSQL a test is skipped with the reason printed, except
 * where the environment variable {@code CI} is set: there it fails.
 */
final class UnleashServer implements AutoCloseable {

  static final Path HOME = Path.of(System.getenv().getOrDefault("CHANGEGATE_UNLEASH_HOME", "/opt/changegate-unleash"));
  static final String TOKEN = "*:*.changegate-test-admin-token";
  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path directory;
  private final int port;
  private final String database;
  private Process process;

  private UnleashServer(Path directory, int port, String database) {
    this.directory = directory;
    this.port = port;
    this.database = database;
  }

  /** Starts Unleash and waits until it answers its health check (its first start migrates its database). */
  static UnleashServer start() {
    assumeInstalled();
    String database = "changegate_unleash_" + ProcessHandle.current().pid();
    try (Connection admin = DriverManager.getConnection(PG + "postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      sql.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      skipOrFail("PostgreSQL at 127.0.0.1:5432 does not answer (" + e.getMessage() + ")");
    }
    try {
      Path directory = Files.createTempDirectory("changegate-unleash");
      UnleashServer server = new UnleashServer(directory, freePort(), database);
      Files.writeString(directory.resolve("start.js"), """
          const unleash = require('unleash-server');
          unleash.start({
            db: {host: '127.0.0.1', port: 5432, user: 'postgres', password: '', database: '%s', ssl: false},
            server: {port: %d},
            authentication: {initApiTokens: [{environment: '*', project: '*', secret: '%s', type: 'admin',
              tokenName: 'changegate-test'}]},
          }).catch(e => { console.error('Unleash did not start', e); process.exit(1); });
          """.formatted(database, server.port, TOKEN));
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assumeInstalled() {
    if (!Files.isDirectory(HOME.resolve("node_modules").resolve("unleash-server"))) {
      skipOrFail("no unleash-server at " + HOME + " (npm package unleash-server; .ci/run installs it; or set"
          + " CHANGEGATE_UNLEASH_HOME)");
    }
  }

  private static void skipOrFail(String reason) {
    if (System.getenv("CI") != null) {
      Assertions.fail(reason + ": CI is set, so this test must run");
    }
    System.out.println("SKIPPED real-Unleash test: " + reason);
    System.err.println("SKIPPED real-Unleash test: " + reason);
    Assumptions.abort(reason);
  }

  private void launch() throws IOException {
    ProcessBuilder node = new ProcessBuilder(List.of("node", directory.resolve("start.js").toString()))
        .directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(directory.resolve("unleash.log").toFile());
    // a bare require('unleash-server') resolves through the package's exports from there
    node.environment().put("NODE_PATH", HOME.resolve("node_modules").toString());
    process = node.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Unleash exited with " + process.exitValue() + ": " + log());
      }
      if (healthy()) {
        return;
      }
      sleep(250);
    }
    throw new IllegalStateException("Unleash was not healthy within 180 s: " + log());
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private boolean healthy() {
    try {
      HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url() + "/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String log() {
    try {
      String text = Files.readString(directory.resolve("unleash.log"));
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Connection admin = DriverManager.getConnection(PG + "postgres", "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("could not drop " + database + ": " + e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
