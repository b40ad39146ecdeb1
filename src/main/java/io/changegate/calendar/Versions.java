package io.changegate.calendar;

import java.util.Comparator;

/**
 * Orders release versions as people read them: dot-separated parts, numeric parts by number ({@code 2.10 > 2.9}),
 * others by text; a missing part counts as 0 ({@code 2.3 == 2.3.0}); a pre-release suffix after {@code -} is lower
 * than the release ({@code 2.3.0-rc1 < 2.3.0}); build metadata after {@code +} is ignored.
 */
public final class Versions {

  /** What a declared minimum version may look like. */
  public static final String PATTERN = "[0-9][0-9A-Za-z.+-]{0,39}";

  public static final Comparator<String> ORDER = Versions::compare;

  private Versions() {}

  /** Whether {@code version} is at least {@code minimum}. */
  public static boolean atLeast(String version, String minimum) {
    return compare(version, minimum) >= 0;
  }

  static int compare(String a, String b) {
    String[] left = release(a).split("\\.");
    String[] right = release(b).split("\\.");
    for (int i = 0; i < Math.max(left.length, right.length); i++) {
      String x = i < left.length ? left[i] : "0";
      String y = i < right.length ? right[i] : "0";
      int order = part(x, y);
      if (order != 0) {
        return order;
      }
    }
    boolean preA = preRelease(a);
    boolean preB = preRelease(b);
    return preA == preB ? 0 : preA ? -1 : 1;
  }

  private static int part(String x, String y) {
    if (x.matches("[0-9]{1,18}") && y.matches("[0-9]{1,18}")) {
      return Long.compare(Long.parseLong(x), Long.parseLong(y));
    }
    return x.compareTo(y);
  }

  private static String release(String version) {
    String v = version.strip();
    if (v.startsWith("v") || v.startsWith("V")) {
      v = v.substring(1);
    }
    int plus = v.indexOf('+');
    v = plus >= 0 ? v.substring(0, plus) : v;
    int dash = v.indexOf('-');
    return dash >= 0 ? v.substring(0, dash) : v;
  }

  private static boolean preRelease(String version) {
    String v = version.strip();
    int plus = v.indexOf('+');
    v = plus >= 0 ? v.substring(0, plus) : v;
    return v.indexOf('-') >= 0;
  }
}
