package io.changegate.change;

import com.fasterxml.jackson.annotation.JsonIgnore;
/**
 * What a change asks for around its traffic: a phased feature-flag rollout and checks before the traffic switch
 * ({@code changegate_release_safety}); either may be absent.
 */
public record ReleaseSafety(FlagRollout flagRollout, PreTraffic preTraffic) {

  public static final ReleaseSafety NONE = new ReleaseSafety(null, null);

  @JsonIgnore
  public boolean isEmpty() {
    return flagRollout == null && (preTraffic == null || preTraffic.isEmpty());
  }
}
