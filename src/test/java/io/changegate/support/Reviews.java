package io.changegate.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * Walks a normal change through its reviews over {@code /engine-rest}, as the people in docs/names.md would in
 * Tasklist: the requester fills in the FMEA, operations assesses it, a developer peer-reviews the runbook when
 * the risk is HIGH, and each required group's demo user signs off.
 */
public final class Reviews {

  public static final String FILL_FMEA = "Task_FillFmeaWorksheet";
  public static final String ASSESS_FMEA = "Task_AssessFmea";
  public static final String REVIEW_RUNBOOK = "Task_ReviewRunbook";
  public static final String SIGN_OFF = "Task_SignOff";

  /** The demo user who signs for each group. */
  public static final Map<String, String> SIGNERS = Map.of("legal", "legal-counsel", "security", "security-officer",
      "operations", "ops-engineer", "cab", "cab-chair");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final int port;
  private final TaskService tasks;

  public Reviews(int port, TaskService tasks) {
    this.port = port;
    this.tasks = tasks;
  }

  /** One failure mode; the table rates a worksheet by its highest severity and RPN. */
  public static Map<String, Object> failureMode(String step, String mode, int severity, int occurrence, int detection) {
    return Map.of("step", step, "failureMode", mode, "effect", "customers see errors", "cause", "bad rollout",
        "severity", severity, "occurrence", occurrence, "detection", detection,
        "currentControls", "canary and alerts", "recommendedAction", "roll back", "owner", "payments team");
  }

  /** Rated LOW: small scores everywhere. */
  public static List<Map<String, Object>> lowRiskWorksheet() {
    return List.of(failureMode("deploy", "pods crash-loop", 3, 2, 2));
  }

  /** Rated HIGH: a failure mode with severity 9. */
  public static List<Map<String, Object>> highRiskWorksheet() {
    return List.of(failureMode("migrate schema", "table lock stalls payments", 9, 3, 4),
        failureMode("deploy", "pods crash-loop", 4, 2, 2));
  }

  /** The open task of the change with this definition key, waiting for it to appear. */
  public Task awaitTask(String changeId, String taskKey) {
    return Await.until(WAIT, () -> tasks.createTaskQuery().processInstanceBusinessKey(changeId)
        .taskDefinitionKey(taskKey).list(), list -> !list.isEmpty(), taskKey + " of " + changeId).get(0);
  }

  public Http.Response complete(String user, String taskId, Map<String, Object> variables) {
    return Http.as(port, user).post("/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
  }

  public static Map<String, Object> decision(String decision, String comment) {
    return comment == null ? Map.of("decision", Map.of("value", decision))
        : Map.of("decision", Map.of("value", decision), "comment", Map.of("value", comment));
  }

  /** The requester submits the worksheet from the Tasklist form (a Json variable) and ops-lead accepts it. */
  public void passFmea(String changeId, String requester, List<Map<String, Object>> worksheet) {
    Task fill = awaitTask(changeId, FILL_FMEA);
    Http.Response filled = complete(requester, fill.getId(), Map.of("fmea", json(worksheet)));
    assertThat(filled.status()).as(filled.toString()).isEqualTo(204);
    Task assess = awaitTask(changeId, ASSESS_FMEA);
    Http.Response assessed = complete("ops-lead", assess.getId(), decision("APPROVE", "worksheet is sound"));
    assertThat(assessed.status()).as(assessed.toString()).isEqualTo(204);
  }

  /** Every open sign-off of the change approved by its group's demo user; waits for the round to start. */
  public void signOffAll(String changeId) {
    List<Task> open = Await.until(WAIT, () -> tasks.createTaskQuery().processInstanceBusinessKey(changeId)
        .taskDefinitionKey(SIGN_OFF).list(), list -> !list.isEmpty(), "the sign-offs of " + changeId);
    for (Task task : open) {
      String group = tasks.getIdentityLinksForTask(task.getId()).stream()
          .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId();
      Http.Response signed = complete(SIGNERS.get(group), task.getId(), decision("APPROVE", null));
      assertThat(signed.status()).as(group + ": " + signed).isEqualTo(204);
    }
  }

  /** Json variable as the Tasklist form submits a dynamic list. */
  public static Map<String, Object> json(Object value) {
    try {
      return Map.of("value", JSON.writeValueAsString(value), "type", "Json");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
