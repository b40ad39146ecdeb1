package io.changegate.governance.process;

import io.changegate.engine.Actor;
import io.changegate.engine.CallableFromModels;
import io.changegate.engine.TaskOffers;
import java.util.HashSet;
import java.util.Set;
import static io.changegate.change.ChangeProcess.COMMENT;
import static io.changegate.change.ChangeProcess.DECISION;
import static io.changegate.governance.ModelChangeProcess.DECISIONS_SO_FAR;
import static io.changegate.governance.ModelChangeProcess.DEPLOYED_BY;
import static io.changegate.governance.ModelChangeProcess.DEPLOYMENT_NAME;
import static io.changegate.governance.ModelChangeProcess.ELEMENT_CHANGES;
import static io.changegate.governance.ModelChangeProcess.FILES;
import static io.changegate.governance.ModelChangeProcess.FINDINGS;
import static io.changegate.governance.ModelChangeProcess.SUMMARY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.engine.GovernanceRefusal;
import io.changegate.governance.ModelChange;
import io.changegate.governance.ModelChangeProcess;
import io.changegate.governance.ModelChangeService;
import io.changegate.governance.ReviewRole;
import io.changegate.governance.check.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * The two reviews of a model change, held by the engine to the four-eyes rule (Tasklist and {@code /engine-rest}
 * alike; a refusal is a 400 and leaves the task as it was):
 * <ul>
 *   <li>{@code ${modelChangeReview.load(task)}} (create): what the reviewer sees, from Changegate's tables (and no
 *       earlier decision);</li>
 *   <li>{@code ${modelChangeReview.claim(task)}} (assignment): only an eligible reviewer claims;</li>
 *   <li>{@code ${modelChangeReview.complete(task)}} (complete): only an eligible reviewer decides, APPROVE or
 *       REJECT (with a comment); the decision is recorded.</li>
 * </ul>
 * Which review a task is comes from its definition key, who deployed and who decided from Changegate's tables, who
 * belongs to which group from the identity service — never from a process variable.
 */
@CallableFromModels
@Component("modelChangeReview")
public class ModelChangeReviewListener {

  private final ModelChangeService modelChanges;
  private final ObjectMapper json;

  public ModelChangeReviewListener(ModelChangeService modelChanges, ObjectMapper json) {
    this.modelChanges = modelChanges;
    this.json = json;
  }

  public void load(DelegateTask task) {
    ModelChange modelChange = modelChanges.byProcessInstance(task.getProcessInstanceId());
    ModelChangeService.Details details = modelChanges.details(modelChange.id()).orElseThrow();

    long warnings = details.findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
    String summary = modelChange.id() + ": " + details.files().size() + " file(s) ("
        + details.files().stream().map(ModelChange.Resource::name).collect(Collectors.joining(", "))
        + ") deployed by " + modelChange.deployedBy() + " at " + modelChange.deployedAt() + "; "
        + details.changes().size() + " element(s) added, removed or changed; the automatic checks passed"
        + (warnings == 0 ? "" : " with " + warnings + " warning(s)") + ".";
    String decisions = details.decisions().isEmpty() ? "none yet" : details.decisions().stream()
        .map(d -> d.actor() + " (" + d.role().group() + "): " + d.decision()
            + (d.comment() == null || d.comment().isBlank() ? "" : " — " + d.comment()))
        .collect(Collectors.joining("\n"));

    // the earlier review's decision must neither count for this one nor prefill its form
    task.getExecution().removeVariable(DECISION.name());
    task.getExecution().removeVariable(COMMENT.name());
    SUMMARY.setLocal(task, summary);
    DEPLOYED_BY.setLocal(task, modelChange.deployedBy());
    DEPLOYMENT_NAME.setLocal(task, modelChange.deploymentName() == null ? "" : modelChange.deploymentName());
    DECISIONS_SO_FAR.setLocal(task, decisions);
    ELEMENT_CHANGES.setLocal(task, jsonValue(details.changes()));
    FINDINGS.setLocal(task, jsonValue(details.findings()));
    FILES.setLocal(task, jsonValue(details.files().stream().map(ModelChangeReviewListener::file).toList()));
    // neither the deployer nor whoever already decided is offered the task (they could not take it)
    Set<String> excluded = new HashSet<>();
    excluded.add(modelChange.deployedBy());
    details.decisions().forEach(d -> excluded.add(d.actor()));
    TaskOffers.except(task, excluded);
  }

  public void claim(DelegateTask task) {
    String actor = task.getAssignee();
    if (actor == null) {
      return;
    }
    ReviewRole role = role(task);
    modelChanges.checkReviewer(task.getProcessInstanceId(), role, actor, member(task, actor, role));
  }

  public void complete(DelegateTask task) {
    String actor = Actor.of(task);
    ReviewRole role = role(task);
    String decision = DECISION.from(task);
    String comment = COMMENT.from(task);

    modelChanges.decide(task.getProcessInstanceId(), role, actor, member(task, actor, role), decision, comment);
  }

  private static ReviewRole role(DelegateTask task) {
    return switch (task.getTaskDefinitionKey()) {
      case ModelChangeProcess.TASK_PROCESS_OWNER_REVIEW -> ReviewRole.PROCESS_OWNER;
      case ModelChangeProcess.TASK_SECURITY_REVIEW -> ReviewRole.SECURITY;
      default -> throw new GovernanceRefusal("'" + task.getName() + "' is not a review of a model change");
    };
  }

  /** Membership is the engine's fact to check, not the acting user's to read. */
  private static boolean member(DelegateTask task, String actor, ReviewRole role) {
    if (actor == null) {
      return false;
    }
    CommandContext context = Context.getCommandContext();
    var identity = task.getProcessEngineServices().getIdentityService();
    return context.runWithoutAuthorization(
        () -> identity.createUserQuery().userId(actor).memberOfGroup(role.group()).count()) > 0;
  }

  private static Map<String, Object> file(ModelChange.Resource resource) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("name", resource.name());
    file.put("kind", resource.kind().name());
    file.put("keys", String.join(", ", resource.keys()));
    file.put("approvedVersions", resource.baseVersions() == null ? "" : resource.baseVersions().toString());
    file.put("sha256", resource.sha256());
    return file;
  }

  private Object jsonValue(List<?> rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
