package io.changegate.change;

/** What the {@code change-classification} decision says a change is. */
public enum ChangeType {
  STANDARD, NORMAL, EMERGENCY
}
