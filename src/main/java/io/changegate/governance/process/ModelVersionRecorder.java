package io.changegate.governance.process;

import io.changegate.governance.trace.ProcessVersion;
import io.changegate.governance.trace.ProcessVersions;
import io.changegate.governance.ModelFile;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.form.handler.DefaultFormHandler;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionEvaluationEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.springframework.stereotype.Component;

/**
 * Sees, through the engine's history events, every process instance start, decision evaluation and task creation,
 * and records for the change (the business key) the definition that ran: key, version and the SHA-256 of the
 * deployed resource; for a task, the Camunda Form its {@code formRef} resolves to when the task is created (a
 * start form when the process starts). Runs inside the engine command, so the record commits with the step.
 * Registered by {@link io.changegate.governance.ModelGovernancePlugin} (history level full: decisions are history
 * events only there).
 */
@Component
public class ModelVersionRecorder {

  private final ProcessVersions versions;
  /** SHA-256 of each definition's resource: deployed resources never change. */
  private final Map<String, String> hashes = new ConcurrentHashMap<>();
  private final Clock clock;

  public ModelVersionRecorder(ProcessVersions versions, Clock clock) {
    this.versions = versions;
    this.clock = clock;
  }

  /** Records what the event shows a change used; other events pass. */
  public void handle(HistoryEvent event) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return;
    }
    if (event instanceof HistoricProcessInstanceEventEntity start
        && event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
      processStarted(context, start);
    } else if (event instanceof HistoricDecisionEvaluationEvent evaluation) {
      decisionsEvaluated(context, evaluation);
    } else if (event instanceof HistoricTaskInstanceEventEntity task
        && event.isEventOfType(HistoryEventTypes.TASK_INSTANCE_CREATE)) {
      taskCreated(context, task);
    }
  }

  private void processStarted(CommandContext context, HistoricProcessInstanceEventEntity start) {
    String changeId = start.getBusinessKey();
    if (changeId == null) {
      return;
    }
    ProcessDefinitionEntity definition = configuration(context).getDeploymentCache()
        .findDeployedProcessDefinitionById(start.getProcessDefinitionId());
    record(context, changeId, ProcessVersion.Kind.PROCESS, definition);
    FormDefinition startForm = definition.getStartFormDefinition();
    if (startForm != null) {
      CamundaFormDefinitionEntity form = resolve(context, startForm, definition, null);
      if (form != null) {
        record(context, changeId, ProcessVersion.Kind.FORM, form);
      }
    }
  }

  private void decisionsEvaluated(CommandContext context, HistoricDecisionEvaluationEvent evaluation) {
    HistoricDecisionInstanceEntity root = evaluation.getRootHistoricDecisionInstance();
    String changeId = businessKey(context, root.getProcessInstanceId());
    if (changeId == null) {
      return;
    }
    List<HistoricDecisionInstanceEntity> evaluated = new ArrayList<>();
    evaluated.add(root);
    if (evaluation.getRequiredHistoricDecisionInstances() != null) {
      evaluated.addAll(evaluation.getRequiredHistoricDecisionInstances());
    }
    for (HistoricDecisionInstanceEntity decision : evaluated) {
      DecisionDefinitionEntity definition = configuration(context).getDeploymentCache()
          .findDeployedDecisionDefinitionById(decision.getDecisionDefinitionId());
      record(context, changeId, ProcessVersion.Kind.DECISION, definition);
    }
  }

  private void taskCreated(CommandContext context, HistoricTaskInstanceEventEntity created) {
    String changeId = businessKey(context, created.getProcessInstanceId());
    if (changeId == null) {
      return;
    }
    TaskEntity task = context.getTaskManager().findTaskById(created.getTaskId());
    if (task == null || task.getTaskDefinition() == null) {
      return;
    }
    CamundaFormDefinitionEntity form = resolve(context, task.getTaskDefinition().getFormDefinition(),
        task.getProcessDefinition(), task.getExecution());
    if (form != null) {
      record(context, changeId, ProcessVersion.Kind.FORM, form);
    }
  }

  /** The Camunda Form a {@code formRef} names, by its binding; null when there is none. */
  private static CamundaFormDefinitionEntity resolve(CommandContext context, FormDefinition formDefinition,
      ProcessDefinitionEntity process, ExecutionEntity execution) {
    Expression keyExpression = formDefinition == null ? null : formDefinition.getCamundaFormDefinitionKey();
    if (keyExpression == null) {
      return null;
    }
    Object key = execution == null ? keyExpression.getExpressionText() : keyExpression.getValue(execution);
    if (key == null) {
      return null;
    }
    String binding = formDefinition.getCamundaFormDefinitionBinding();
    var forms = context.getCamundaFormDefinitionManager();
    if (DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT.equals(binding)) {
      return forms.findDefinitionByDeploymentAndKey(process.getDeploymentId(), key.toString());
    }
    if (DefaultFormHandler.FORM_REF_BINDING_VERSION.equals(binding)) {
      Object version = formDefinition.getCamundaFormDefinitionVersion() == null ? null
          : execution == null ? formDefinition.getCamundaFormDefinitionVersion().getExpressionText()
          : formDefinition.getCamundaFormDefinitionVersion().getValue(execution);
      return version == null ? null
          : forms.findDefinitionByKeyVersionAndTenantId(key.toString(), Integer.valueOf(version.toString()), null);
    }
    return forms.findLatestDefinitionByKey(key.toString());
  }

  private void record(CommandContext context, String changeId, ProcessVersion.Kind kind,
      ResourceDefinition definition) {
    String sha256 = hashes.computeIfAbsent(definition.getId(), id -> {
      ResourceEntity resource = context.getResourceManager()
          .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
      return ModelFile.sha256(resource.getBytes());
    });
    versions.record(changeId, new ProcessVersion(kind, definition.getKey(), definition.getVersion(), sha256),
        definition.getId(), clock.instant());
  }

  private static String businessKey(CommandContext context, String processInstanceId) {
    if (processInstanceId == null) {
      return null;
    }
    ExecutionEntity instance = context.getExecutionManager().findExecutionById(processInstanceId);
    return instance == null ? null : instance.getBusinessKey();
  }

  private static ProcessEngineConfigurationImpl configuration(CommandContext context) {
    return context.getProcessEngineConfiguration();
  }
}
