package io.changegate.delivery.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.change.ChangeType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Whom the 72-hour survey asks by default: the stakeholders of reviewed changes, not of every standard change. */
class FeedbackPropertiesTest {

  private static FeedbackProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("changegate.feedback", FeedbackProperties.class);
  }

  @Test
  void byDefaultNormalAndEmergencyChangesAreAskedAboutAndStandardChangesAreNot() {
    FeedbackProperties defaults = bind(Map.of());

    assertThat(defaults.changeTypes()).containsExactlyInAnyOrder(ChangeType.NORMAL, ChangeType.EMERGENCY);
    assertThat(defaults.enabled()).isTrue();
  }

  @Test
  void standardChangesCanBeAdded() {
    FeedbackProperties all = bind(Map.of("changegate.feedback.change-types", "STANDARD,NORMAL,EMERGENCY"));

    assertThat(all.changeTypes()).containsExactlyInAnyOrder(ChangeType.STANDARD, ChangeType.NORMAL,
        ChangeType.EMERGENCY);
  }
}
