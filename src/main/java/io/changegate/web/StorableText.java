package io.changegate.web;

/**
 * Text no database stores faithfully: the NUL character (PostgreSQL refuses it in text, so the request would
 * fail as a server error) and a lone UTF-16 surrogate (not Unicode: it would be stored as {@code ?}). Checked on
 * every text a request carries (security.InputGuard) and on text read from documents (FMEA worksheets).
 */
public final class StorableText {

  private StorableText() {}

  /** Why {@code text} cannot be stored, or null when it can. */
  public static String problem(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "must not contain the NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return String.format("must not contain a lone UTF-16 surrogate (U+%04X): not Unicode", (int) c);
      }
    }
    return null;
  }
}
