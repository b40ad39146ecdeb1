package io.changegate.change;

/** Impact, urgency and risk are each LOW, MEDIUM or HIGH. */
public enum Level {
  LOW, MEDIUM, HIGH;

  public boolean atMost(Level other) {
    return compareTo(other) <= 0;
  }
}
