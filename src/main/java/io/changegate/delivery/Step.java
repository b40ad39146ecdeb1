package io.changegate.delivery;

import java.time.Instant;

/**
 * One step a change went through, as the engine's history recorded it: the activity, its kind ({@code userTask},
 * {@code intermediateTimer}, {@code serviceTask}…), the candidate group of a user task (from Changegate's task
 * records), when it started, when a person claimed it (null: never claimed, or not a user task) and when it ended.
 */
public record Step(String changeId, String service, String team, String environment, String changeType,
    String activityId, String activityType, String group, Instant start, Instant claimed, Instant end) {

  public boolean humanTask() {
    return "userTask".equals(activityType);
  }
}
