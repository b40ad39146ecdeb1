package io.changegate.featureflag;

import java.util.Map;

/**
 * A feature-flag system (Unleash, flagd, the sandbox). Setting a percentage is idempotent by nature: a job that runs
 * twice sets the same value twice. A refusal by the system (an unknown flag) is a {@link FlagResult} that was not
 * applied; a technical failure (timeout, 5xx, a rejected credential) is an exception, so the engine retries the job
 * and raises an incident. Credentials are read from configuration at call time and never returned.
 */
public interface FlagPort {

  /** The provider name a change's {@code flagRollout.provider} refers to. */
  String provider();

  /** Whether the adapter only simulates a flag system (the sandbox). */
  default boolean simulator() {
    return false;
  }

  /** Enables the flag for {@code percent} % of its users (a gradual rollout). */
  FlagResult setRollout(FlagTarget flag, int percent);

  /** Switches the flag off for everybody: the rollback of a flag. */
  FlagResult switchOff(FlagTarget flag);

  /** The adapter's settings for the timeline: endpoints and names, never credentials. */
  default Map<String, Object> settings() {
    return Map.of("provider", provider());
  }
}
