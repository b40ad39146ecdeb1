package io.changegate.change;

import java.util.regex.Pattern;

/**
 * What a change id looks like: {@code CHG-} and its number from the change sequence, at least six digits as
 * {@link ChangeRepository#nextId()} writes it and at most nineteen (a {@code long}). Input that names a change is
 * checked against this before it is looked up or put into a command, a URL or a query.
 */
public final class ChangeIds {

  /** The id as a regular expression, for {@code @Pattern} on request fields. */
  public static final String REGEX = "CHG-[0-9]{1,19}";

  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private ChangeIds() {}

  /** Whether {@code value} is shaped like a change id (whether such a change exists is another question). */
  public static boolean isChangeId(String value) {
    return value != null && PATTERN.matcher(value).matches();
  }
}
