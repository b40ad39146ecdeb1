package io.changegate.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium for end-to-end tests, driven by Debian's {@code chromium} and {@code chromium-driver}
 * (never a driver downloaded by Selenium Manager: the paths are given, so it is not asked).
 *
 * <p>Register it as a JUnit 5 extension: {@code @RegisterExtension static final Browser browser = new Browser();}.
 * Before the class (and before its Spring context starts) it checks that Chromium and chromedriver are
 * installed: without them the tests are skipped with the reason printed, unless the environment variable
 * {@code CI} is set, where they fail. Each test gets
 * a fresh browser (its own temporary profile) on the first call of {@link #driver()}; after a failed test the
 * screenshot, the page source and the browser console are written to {@code target/browser/} before the
 * browser is closed.
 */
public final class Browser implements ExecutionCondition, AfterEachCallback, AfterAllCallback {

  /** Debian's paths; system properties {@code changegate.browser.chromium} and {@code .chromedriver} override them. */
  public static final Path CHROMIUM = Path.of(System.getProperty("changegate.browser.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER =
      Path.of(System.getProperty("changegate.browser.chromedriver", "/usr/bin/chromedriver"));
  /** Where failure evidence and the chromedriver log go (Maven runs tests in the project directory). */
  public static final Path EVIDENCE = Path.of("target", "browser");

  private WebDriver driver;
  private Path profile;

  /** Why no browser can run here, if it cannot. */
  public static Optional<String> unavailable() {
    StringBuilder missing = new StringBuilder();
    for (Path program : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(program)) {
        missing.append(missing.isEmpty() ? "" : " and ").append(program);
      }
    }
    return missing.isEmpty() ? Optional.empty()
        : Optional.of(missing + " not installed (Debian packages chromium and chromium-driver; .ci/run installs them)");
  }

  /** Aborts the calling test (JUnit assumption) when the browser is missing, or fails when CI is set. */
  public static void assumeAvailable() {
    Optional<String> reason = unavailable();
    if (reason.isEmpty()) {
      return;
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError("Browser test cannot run in CI: " + reason.get());
    }
    System.out.println("SKIPPED browser test: " + reason.get());
    Assumptions.abort(reason.get());
  }

  /** Registered on a static field, decides for the whole class before its Spring context is started. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> reason = unavailable();
    if (reason.isEmpty()) {
      return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
    }
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("Browser test cannot run in CI: " + reason.get());
    }
    System.out.println("SKIPPED browser test: " + reason.get());
    return ConditionEvaluationResult.disabled(reason.get());
  }

  /** The browser of the current test, started on first use. */
  public WebDriver driver() {
    if (driver == null) {
      driver = start();
    }
    return driver;
  }

  private WebDriver start() {
    assumeAvailable();
    try {
      Files.createDirectories(EVIDENCE);
      profile = Files.createTempDirectory("changegate-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--window-size=1400,1000",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(EVIDENCE.resolve("chromedriver.log").toFile())
        .build();
    // Selenium logs once that it has no CDP implementation for this Chromium version: these tests use
    // WebDriver only, never CDP, so the warning is harmless.
    return new ChromeDriver(service, options);
  }

  /**
   * Writes a screenshot ({@code name.png}), the page source ({@code name.html}) and the browser console
   * ({@code name.console.txt}) to {@code target/browser/}; returns the screenshot's path.
   */
  public Path saveEvidence(String name) {
    if (driver == null) {
      return null;
    }
    String base = name.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
    Path screenshot = EVIDENCE.resolve(base + ".png");
    try {
      Files.createDirectories(EVIDENCE);
      Files.write(screenshot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(EVIDENCE.resolve(base + ".html"),
          "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(), StandardCharsets.UTF_8);
      StringBuilder console = new StringBuilder();
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        console.append(entry).append('\n');
      }
      Files.writeString(EVIDENCE.resolve(base + ".console.txt"), console, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not save all browser evidence for " + name + ": " + e);
    }
    System.err.println("Browser evidence: " + screenshot.toAbsolutePath() + " (and .html, .console.txt)");
    return screenshot;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getExecutionException().isPresent()) {
      saveEvidence(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
    }
    quit();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    quit();
  }

  private void quit() {
    if (driver != null) {
      try {
        driver.quit();
      } finally {
        driver = null;
      }
    }
    if (profile != null) {
      deleteRecursively(profile);
      profile = null;
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
