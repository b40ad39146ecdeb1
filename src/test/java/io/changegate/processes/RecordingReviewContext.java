package io.changegate.processes;

import io.changegate.approval.process.ReviewContextListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The {@code reviewContext} bean of the diagrams ({@link ReviewContextListener}): instead of the change
 * store, a round of sign-offs starts with the facts the test gives ({@link #facts}); rework requests are recorded.
 */
public final class RecordingReviewContext {

  /**
   * What the sign-off decision reads: regulated, securityRelevant, impact, the catalog's environmentKind and
   * environmentOwner (none by default: a test names the owner it means), riskLevel.
   */
  public final Map<String, Object> facts = new ConcurrentHashMap<>(Map.of(
      "regulated", false, "securityRelevant", false, "impact", "LOW", "environmentKind", "PRE_PRODUCTION",
      "environmentOwner", "", "riskLevel", "LOW"));
  private final List<String> reworkRequests = new CopyOnWriteArrayList<>();
  private final List<String> loadedForTasks = new CopyOnWriteArrayList<>();

  public void load(DelegateExecution execution) {
    execution.setVariables(facts);
  }

  public void load(DelegateTask task) {
    loadedForTasks.add(task.getTaskDefinitionKey());
  }

  public void rework(DelegateTask task, String step, String group, String request) {
    reworkRequests.add(step + " (" + group + "): " + request);
  }

  public List<String> reworkRequests() {
    return List.copyOf(reworkRequests);
  }

  public List<String> loadedForTasks() {
    return List.copyOf(loadedForTasks);
  }
}
