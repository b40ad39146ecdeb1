package io.changegate.delivery;

/** Port: the maturity model that rates a key's value (decision {@code dora-tiers}). */
public interface MaturityModel {

  /** The tier of {@code value} for {@code key}; {@link Tier#UNRATED} when the model has no rule for it. */
  Tier tier(DoraKey key, double value);
}
