package io.changegate.featureflag.flagd;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.changegate.featureflag.FlagPort;
import io.changegate.featureflag.FlagResult;
import io.changegate.featureflag.FlagTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * flagd (OpenFeature's flag daemon) has no API to write flags: its HTTP and gRPC APIs evaluate them, and it reads
 * their definitions from sync sources. This adapter writes the flag definition file of a file sync source, which
 * flagd watches: a gradual rollout is a boolean flag with the variants {@code on}/{@code off} and the
 * {@code fractional} targeting rule {@code [["on", p], ["off", 100 - p]]} (bucketed by flag key and targeting key);
 * switched off, the flag has the default variant {@code off} and no targeting. The other flags of the file stay as
 * they are; the file is replaced atomically. One writer per file: Changegate must be the only one writing it.
 */
@Component
@ConditionalOnProperty("changegate.featureflag.flagd.file")
public class FlagdFileAdapter implements FlagPort {

  public static final String NAME = "flagd";
  static final String SCHEMA = "https://flagd.dev/schema/v0/flags.json";

  private final FlagdProperties properties;
  private final ObjectMapper json;

  public FlagdFileAdapter(FlagdProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
  }

  @Override
  public String provider() {
    return NAME;
  }

  @Override
  public FlagResult setRollout(FlagTarget flag, int percent) {
    write(flag.flagKey(), percent);
    return FlagResult.applied("flagd: " + flag.flagKey() + " on for " + percent + " % (fractional) in "
        + properties.file());
  }

  @Override
  public FlagResult switchOff(FlagTarget flag) {
    write(flag.flagKey(), 0);
    return FlagResult.applied("flagd: " + flag.flagKey() + " off (default variant off, no targeting) in "
        + properties.file());
  }

  @Override
  public Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("provider", NAME);
    settings.put("file", String.valueOf(properties.file()));
    return settings;
  }

  private synchronized void write(String flagKey, int percent) {
    Path file = properties.file().toAbsolutePath();
    try {
      ObjectNode root = Files.exists(file) && Files.size(file) > 0 ? (ObjectNode) json.readTree(file.toFile())
          : json.createObjectNode();
      if (!root.has("$schema")) {
        root.put("$schema", SCHEMA);
      }
      ObjectNode flags = root.has("flags") ? (ObjectNode) root.get("flags") : root.putObject("flags");
      ObjectNode definition = json.createObjectNode();
      definition.put("state", "ENABLED");
      ObjectNode variants = definition.putObject("variants");
      variants.put("on", true);
      variants.put("off", false);
      if (percent >= 100) {
        definition.put("defaultVariant", "on");
      } else if (percent <= 0) {
        definition.put("defaultVariant", "off");
      } else {
        definition.put("defaultVariant", "off");
        ArrayNode fractional = definition.putObject("targeting").putArray("fractional");
        fractional.addArray().add("on").add(percent);
        fractional.addArray().add("off").add(100 - percent);
      }
      flags.set(flagKey, definition);
      Path temporary = Files.createTempFile(file.getParent(), ".flagd-", ".json");
      Files.writeString(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the flagd flag file " + file, e);
    }
  }
}
