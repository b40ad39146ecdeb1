package io.changegate.rollback;

/** Text shortened for incidents, the postmortem and its form. */
final class Text {

  private Text() {}

  static String abbreviate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
