package io.changegate.delivery;

/**
 * Where a key's value falls in the maturity model ({@code dora-tiers}): the tier and its rank (higher is better),
 * the next better tier with the bound the value must cross to reach it ({@code comparison}: the value must be
 * {@code <}, {@code <=} or {@code >=} the bound), and the gap (how far the value is from that bound, in the key's
 * unit). A key the model does not rate, or without data, has no tier.
 */
public record Tier(String tier, int rank, String nextTier, Double nextTierBound, String comparison, Double gap,
    String rule) {

  public static final Tier UNRATED = new Tier(null, 0, null, null, null, null, null);

  public boolean rated() {
    return tier != null;
  }
}
