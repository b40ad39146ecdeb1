package io.changegate.featureflag.sandbox;

import io.changegate.featureflag.FlagPort;
import io.changegate.featureflag.FlagResult;
import io.changegate.featureflag.FlagTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A simulated flag system for the demo: it remembers the percentage of each flag in memory and says "sandbox" in
 * every answer. Nothing outside Changegate changes; it is not an integration.
 */
@Component
public class SandboxFlagAdapter implements FlagPort {

  public static final String NAME = "sandbox";

  private final Map<String, Integer> percents = new ConcurrentHashMap<>();

  @Override
  public String provider() {
    return NAME;
  }

  @Override
  public boolean simulator() {
    return true;
  }

  @Override
  public FlagResult setRollout(FlagTarget flag, int percent) {
    percents.put(key(flag), percent);
    return FlagResult.applied("sandbox (simulated): flag " + flag.flagKey() + " in " + flag.environment() + " on for "
        + percent + " %");
  }

  @Override
  public FlagResult switchOff(FlagTarget flag) {
    percents.put(key(flag), 0);
    return FlagResult.applied("sandbox (simulated): flag " + flag.flagKey() + " in " + flag.environment()
        + " switched off");
  }

  /** The simulated percentage of a flag (0 when off or never set). */
  public int percent(String flagKey, String environment) {
    return percents.getOrDefault(flagKey + "@" + environment, 0);
  }

  private static String key(FlagTarget flag) {
    return flag.flagKey() + "@" + flag.environment();
  }
}
