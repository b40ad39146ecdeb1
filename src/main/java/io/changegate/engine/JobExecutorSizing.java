package io.changegate.engine;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sizes the job executor's thread pool from the processors the JVM may use: one thread per processor and one more,
 * for both Camunda's {@code core-pool-size} and {@code max-pool-size}. Changegate's jobs spend their time in the
 * engine and the database (on the same processors with H2), and in adapter calls bounded by their timeouts; more
 * threads than that made the work slower (measured on two processors: with eight threads a standard change cost about
 * 15 % more CPU on PostgreSQL than with three, and the intake's p95 on H2 was half as long again while jobs ran;
 * docs/benchmarks.md).
 *
 * <p>These are defaults only, the lowest of every property source: {@code camunda.bpm.job-execution.core-pool-size}
 * and {@code max-pool-size} set anywhere (application.yaml, environment, command line) win; one set alone keeps the
 * other consistent with it (core never above max).
 */
public class JobExecutorSizing implements EnvironmentPostProcessor {

  static final String CORE = "camunda.bpm.job-execution.core-pool-size";
  static final String MAX = "camunda.bpm.job-execution.max-pool-size";
  static final String SOURCE = "changegateJobExecutorSizing";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = defaults(environment.getProperty(CORE, Integer.class),
        environment.getProperty(MAX, Integer.class), Runtime.getRuntime().availableProcessors());
    if (!defaults.isEmpty()) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
  }

  /** The defaults to add for what is not set: {@code threads(processors)}, kept within a core or max that is set. */
  static Map<String, Object> defaults(Integer core, Integer max, int processors) {
    int threads = threads(processors);
    Map<String, Object> defaults = new HashMap<>();
    if (core == null) {
      defaults.put(CORE, max == null ? threads : Math.min(threads, max));
    }
    if (max == null) {
      defaults.put(MAX, core == null ? threads : Math.max(threads, core));
    }
    return defaults;
  }

  /** One thread per processor and one more (a job waiting on an adapter does not idle a processor). */
  static int threads(int processors) {
    return Math.max(1, processors) + 1;
  }
}
