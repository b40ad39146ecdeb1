package io.changegate.featureflag;

/** What a flag system answered: whether the setting was applied, and what it said (never a credential). */
public record FlagResult(boolean applied, String detail) {

  public static FlagResult applied(String detail) {
    return new FlagResult(true, detail);
  }

  public static FlagResult refused(String detail) {
    return new FlagResult(false, detail);
  }
}
