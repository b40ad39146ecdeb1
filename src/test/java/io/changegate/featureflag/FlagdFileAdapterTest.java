package io.changegate.featureflag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.featureflag.flagd.FlagdFileAdapter;
import io.changegate.featureflag.flagd.FlagdProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagd adapter writes the flag definition file of flagd's file sync source (flagd has no write API): a gradual
 * rollout as a {@code fractional} targeting rule, switched off as the default variant {@code off}; the other flags of
 * the file stay as they were.
 */
class FlagdFileAdapterTest {

  final ObjectMapper json = new ObjectMapper();
  final FlagTarget flag = new FlagTarget("CHG-000042", "new-checkout", "payments-api", "staging");

  @Test
  void setsTheFractionalRolloutAndSwitchesOffWithoutTouchingTheOtherFlags(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("flags.flagd.json");
    Files.writeString(file, """
        {"$schema": "https://flagd.dev/schema/v0/flags.json",
         "flags": {"dark-mode": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "on"}}}
        """);
    FlagdFileAdapter adapter = new FlagdFileAdapter(new FlagdProperties(file), json);

    FlagResult set = adapter.setRollout(flag, 30);

    assertThat(set.applied()).isTrue();
    JsonNode flags = json.readTree(file.toFile()).path("flags");
    assertThat(flags.path("dark-mode").path("defaultVariant").asText()).isEqualTo("on");
    JsonNode checkout = flags.path("new-checkout");
    assertThat(checkout.path("state").asText()).isEqualTo("ENABLED");
    assertThat(checkout.path("defaultVariant").asText()).isEqualTo("off");
    assertThat(checkout.path("targeting").path("fractional").toString()).isEqualTo("[[\"on\",30],[\"off\",70]]");

    adapter.setRollout(flag, 100);
    assertThat(json.readTree(file.toFile()).path("flags").path("new-checkout").path("defaultVariant").asText())
        .isEqualTo("on");

    FlagResult off = adapter.switchOff(flag);

    assertThat(off.applied()).isTrue();
    JsonNode switchedOff = json.readTree(file.toFile()).path("flags").path("new-checkout");
    assertThat(switchedOff.path("defaultVariant").asText()).isEqualTo("off");
    assertThat(switchedOff.has("targeting")).isFalse();
    assertThat(json.readTree(file.toFile()).path("flags").path("dark-mode").path("defaultVariant").asText())
        .isEqualTo("on");
    try (var files = Files.list(directory)) {
      assertThat(files).as("no temporary file left behind").hasSize(1);
    }
  }

  @Test
  void createsTheFileWhenThereIsNone(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("flags.json");

    new FlagdFileAdapter(new FlagdProperties(file), json).setRollout(flag, 5);

    JsonNode root = json.readTree(file.toFile());
    assertThat(root.path("$schema").asText()).isEqualTo("https://flagd.dev/schema/v0/flags.json");
    assertThat(root.path("flags").path("new-checkout").path("targeting").path("fractional").get(0).get(1).asInt())
        .isEqualTo(5);
  }
}
