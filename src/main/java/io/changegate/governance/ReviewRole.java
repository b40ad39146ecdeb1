package io.changegate.governance;

import io.changegate.security.Groups;

/** The two reviews of a model change, each by a member of its group who did not deploy it. */
public enum ReviewRole {
  /** A second process owner: not the one who deployed. */
  PROCESS_OWNER(Groups.PROCESS_OWNERS),
  /** Security: not the one who deployed, nor the process owner who approved. */
  SECURITY(Groups.SECURITY);

  private final String group;

  ReviewRole(String group) {
    this.group = group;
  }

  public String group() {
    return group;
  }
}
