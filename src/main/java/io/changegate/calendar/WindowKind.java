package io.changegate.calendar;

/** The two kinds of calendar window: a blackout (freeze) forbids changes, a maintenance window invites them. */
public enum WindowKind {
  BLACKOUT("BLK", "Blackout"),
  MAINTENANCE("MNT", "Maintenance window");

  private final String idPrefix;
  private final String label;

  WindowKind(String idPrefix, String label) {
    this.idPrefix = idPrefix;
    this.label = label;
  }

  /** Ids are {@code BLK-000001} or {@code MNT-000001}: the kind is visible in the id. */
  public String idPrefix() {
    return idPrefix;
  }

  public String label() {
    return label;
  }

  public boolean owns(String id) {
    return id != null && id.startsWith(idPrefix + "-");
  }
}
