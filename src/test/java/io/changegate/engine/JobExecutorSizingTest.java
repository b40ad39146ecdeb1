package io.changegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.env.EnvironmentPostProcessorsFactory;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class JobExecutorSizingTest {

  @Test
  void withNothingSetBothPoolSizesAreOneThreadPerProcessorAndOneMore() {
    StandardEnvironment environment = new StandardEnvironment();
    new JobExecutorSizing().postProcessEnvironment(environment, new SpringApplication());

    int expected = Runtime.getRuntime().availableProcessors() + 1;
    assertThat(environment.getProperty(JobExecutorSizing.CORE, Integer.class)).isEqualTo(expected);
    assertThat(environment.getProperty(JobExecutorSizing.MAX, Integer.class)).isEqualTo(expected);
    assertThat(JobExecutorSizing.defaults(null, null, 2)).containsOnly(
        Map.entry(JobExecutorSizing.CORE, 3), Map.entry(JobExecutorSizing.MAX, 3));
  }

  @Test
  void aSettingMadeAnywhereWinsAndTheOtherStaysConsistentWithIt() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("operator",
        Map.of(JobExecutorSizing.CORE, "12", JobExecutorSizing.MAX, "20")));
    new JobExecutorSizing().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty(JobExecutorSizing.CORE)).isEqualTo("12");
    assertThat(environment.getProperty(JobExecutorSizing.MAX)).isEqualTo("20");
    assertThat(environment.getPropertySources().contains(JobExecutorSizing.SOURCE)).isFalse();

    // only max set, below the default: core follows it down (a core above max would not start)
    assertThat(JobExecutorSizing.defaults(null, 2, 8)).containsOnly(Map.entry(JobExecutorSizing.CORE, 2));
    // only core set, above the default: max follows it up
    assertThat(JobExecutorSizing.defaults(16, null, 2)).containsOnly(Map.entry(JobExecutorSizing.MAX, 16));
    assertThat(JobExecutorSizing.defaults(1, null, 2)).containsOnly(Map.entry(JobExecutorSizing.MAX, 3));
  }

  @Test
  void itIsRegisteredForEveryStartOfTheApplication() {
    assertThat(EnvironmentPostProcessorsFactory.fromSpringFactories(getClass().getClassLoader())
        .getEnvironmentPostProcessors(new DeferredLogs(), new DefaultBootstrapContext()))
        .anyMatch(JobExecutorSizing.class::isInstance);
  }
}
