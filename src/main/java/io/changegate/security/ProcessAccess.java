package io.changegate.security;

import java.util.List;

/**
 * Who works on a process definition's tasks, who reads its instances' variables (for Tasklist's columns), and who
 * starts it from Tasklist. Each capability declares its own processes as beans of this type; {@link AccessPolicy}
 * turns them into engine authorizations. Whose task a single task is stays the model's candidate rule.
 */
public record ProcessAccess(String key, List<String> taskGroups, List<String> readingGroups,
    List<String> startingGroups) {

  public ProcessAccess {
    taskGroups = List.copyOf(taskGroups);
    readingGroups = List.copyOf(readingGroups);
    startingGroups = List.copyOf(startingGroups);
  }

  /** Groups that work the process's tasks. */
  public static ProcessAccess tasksFor(String key, String... groups) {
    return new ProcessAccess(key, List.of(groups), List.of(), List.of());
  }

  public ProcessAccess readBy(String... groups) {
    return new ProcessAccess(key, taskGroups, List.of(groups), startingGroups);
  }

  public ProcessAccess startedBy(String... groups) {
    return new ProcessAccess(key, taskGroups, readingGroups, List.of(groups));
  }
}
