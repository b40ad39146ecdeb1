package io.changegate.pages;

/** Where Changegate's pages send people in the Camunda webapps. */
public final class Links {

  private Links() {}

  /** The task in Tasklist (its form). */
  public static String tasklistTask(String taskId) {
    return "/camunda/app/tasklist/default/#/?task=" + taskId;
  }

  /** Tasklist, searching by change id (the tasks' business key column). */
  public static String tasklist() {
    return "/camunda/app/tasklist/default/";
  }

  /** The process instance in Cockpit (operations). */
  public static String cockpitInstance(String processInstanceId) {
    return "/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime";
  }

  public static String change(String changeId) {
    return "/changes/" + changeId;
  }
}
