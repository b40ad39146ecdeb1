package io.changegate.oversight;

import io.changegate.engine.Actor;
import io.changegate.engine.GovernanceRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.ModificationBatchConfiguration;
import org.camunda.bpm.engine.impl.batch.BatchConfiguration;
import org.camunda.bpm.engine.impl.batch.BatchEntity;
import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricProcessInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The engine side of recording interventions. Two hooks, registered by {@link InterventionEnginePlugin}:
 * <ul>
 *   <li>a command interceptor inside the engine's transaction notes the command a person's request starts (the
 *       outermost one of the thread, with an authenticated user) and, when it has run without error, hands what was
 *       seen to {@link InterventionService}, in the same transaction: the record commits or rolls back with the
 *       intervention;
 *   <li>a history event handler, next to the engine's own, sees the engine's user operation log (who did what, the
 *       annotation) and the history of instances, activities and variables while that command itself runs. Commands
 *       the process's own code starts from inside it (a delegate correlating another change's message) run deeper
 *       and are not the person's doing; neither are jobs, which run without an authenticated user.
 * </ul>
 * An instance modification without an annotation is refused here, when the engine logs it: the transaction rolls
 * back and nothing changes.
 */
final class InterventionObserver implements HistoryEventHandler {

  static final String REASON_REQUIRED = "An instance modification needs a reason: send it as \"annotation\" "
      + "(who asked for it, why, the ticket). Nothing was changed.";

  private static final int VALUE_LENGTH = 200;
  /** The engine logs a job's due date in milliseconds since 1970. */
  private static final String DUE_DATE = "duedate";

  /** The command a person's request started on this thread, and how deep the engine is in commands now. */
  private static final class Frame {
    int depth;
    ObservedCommand observed;
  }

  private final ThreadLocal<Frame> frame = new ThreadLocal<>();
  private final InterventionService service;

  InterventionObserver(InterventionService service) {
    this.service = service;
  }

  /** An interceptor for one of the engine's command chains (each chain needs its own). */
  CommandInterceptor newInterceptor() {
    return new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        return observe(command, next);
      }
    };
  }

  private <T> T observe(Command<T> command, CommandExecutor next) {
    Frame current = frame.get();
    boolean outermost = current == null;
    if (outermost) {
      current = new Frame();
      String user = Actor.authenticated().orElse(null);
      if (user != null) {
        current.observed = new ObservedCommand(user, trigger(command));
      }
      frame.set(current);
    }
    current.depth++;
    try {
      T result = next.execute(command);
      if (outermost && current.observed != null) {
        record(current.observed, Context.getCommandContext());
      }
      return result;
    } finally {
      current.depth--;
      if (outermost) {
        frame.remove();
      }
    }
  }

  /** The interventions the engine does not log, known by their command. */
  private static String trigger(Command<?> command) {
    if (command instanceof CorrelateMessageCmd) {
      return EngineOperations.CORRELATE_MESSAGE;
    }
    if (command instanceof SignalEventReceivedCmd) {
      return EngineOperations.THROW_SIGNAL;
    }
    if (command instanceof MessageEventReceivedCmd) {
      return EngineOperations.TRIGGER_MESSAGE_SUBSCRIPTION;
    }
    if (command instanceof SignalCmd) {
      return EngineOperations.TRIGGER_EXECUTION;
    }
    if (command instanceof HandleTaskBpmnErrorCmd) {
      return EngineOperations.THROW_BPMN_ERROR;
    }
    if (command instanceof HandleTaskEscalationCmd) {
      return EngineOperations.THROW_ESCALATION;
    }
    if (command instanceof EvaluateStartConditionCmd) {
      return EngineOperations.EVALUATE_START_CONDITIONS;
    }
    return null;
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    Frame current = frame.get();
    if (current == null || current.observed == null || current.depth != 1) {
      return;
    }
    ObservedCommand observed = current.observed;
    if (event instanceof UserOperationLogEntryEventEntity entry) {
      operation(observed, entry);
    } else if (event instanceof HistoricActivityInstanceEventEntity activity) {
      boolean started = "start".equals(activity.getEventType());
      if (started || ("end".equals(activity.getEventType()) && activity.isCanceled())) {
        observed.activity(new ObservedCommand.ActivityEvent(activity.getProcessInstanceId(),
            activity.getProcessDefinitionKey(), activity.getActivityId(), activity.getActivityName(), started));
      }
    } else if (event instanceof HistoricVariableUpdateEventEntity variable) {
      String type = variable.getEventType();
      if ("create".equals(type) || "update".equals(type) || "delete".equals(type)) {
        observed.variable(new ObservedCommand.VariableEvent(variable.getProcessInstanceId(),
            variable.getProcessDefinitionKey(), variable.getVariableName(), type, variable.getTaskId(),
            variable.getSerializerName(), value(variable)));
      }
    } else if (event instanceof HistoricProcessInstanceEventEntity instance) {
      observed.instance(new ObservedCommand.InstanceEvent(instance.getProcessInstanceId(),
          instance.getProcessDefinitionKey(), instance.getBusinessKey(), instance.getEventType(),
          instance.getDeleteReason(), instance.getRestartedProcessInstanceId()));
    } else if (event instanceof HistoricBatchEntity batch && "start".equals(batch.getEventType())) {
      observed.batch(batch.getId());
    }
  }

  private static void operation(ObservedCommand observed, UserOperationLogEntryEventEntity entry) {
    if (EngineOperations.isAnnotation(entry.getEntityType(), entry.getOperationType())) {
      observed.annotation(new ObservedCommand.Annotation(entry.getNewValue(),
          EngineOperations.clearsAnnotation(entry.getOperationType())));
      return;
    }
    EngineOperations.of(entry.getEntityType(), entry.getOperationType()).ifPresent(kind -> {
      if (EngineOperations.MODIFY_PROCESS_INSTANCE.equals(kind.name())
          && (entry.getAnnotation() == null || entry.getAnnotation().isBlank())) {
        throw new GovernanceRefusal(REASON_REQUIRED);
      }
      boolean date = DUE_DATE.equals(entry.getProperty());
      observed.operation(new ObservedCommand.Operation(entry.getOperationId(), kind, entry.getProcessInstanceId(),
          entry.getJobId(), entry.getTaskId(), entry.getProperty(), date ? instant(entry.getOrgValue()) : entry.getOrgValue(),
          date ? instant(entry.getNewValue()) : entry.getNewValue(), entry.getAnnotation()));
    });
  }

  private void record(ObservedCommand observed, CommandContext context) {
    List<ObservedCommand.Batch> batches = new ArrayList<>();
    for (String id : observed.batchIds()) {
      batches.add(batch(context, id));
    }
    List<Intervention> interventions = observed.interventions(id -> instance(context, id), batches);
    service.record(interventions);
    for (ObservedCommand.Annotation annotation : observed.annotations()) {
      service.annotated(observed.actor(), annotation.operationId(), annotation.cleared());
    }
  }

  private static ObservedCommand.InstanceRef instance(CommandContext context, String id) {
    HistoricProcessInstanceEntity historic = context.getHistoricProcessInstanceManager().findHistoricProcessInstance(id);
    if (historic != null) {
      return new ObservedCommand.InstanceRef(id, historic.getProcessDefinitionKey(), historic.getBusinessKey());
    }
    ExecutionEntity running = context.getExecutionManager().findExecutionById(id);
    if (running == null) {
      return null;
    }
    return new ObservedCommand.InstanceRef(id, running.getProcessDefinition().getKey(), running.getBusinessKey());
  }

  /** The batch with the process instances it will work on (its ids are instances, or jobs of instances). */
  private static ObservedCommand.Batch batch(CommandContext context, String batchId) {
    BatchEntity batch = context.getBatchManager().findBatchById(batchId);
    if (batch == null) {
      return new ObservedCommand.Batch(batchId, null, List.of(), List.of());
    }
    Object configuration = batch.getBatchJobHandler().readConfiguration(batch.getConfigurationBytes());
    List<String> instances = new ArrayList<>();
    if (configuration instanceof BatchConfiguration ids && ids.getIds() != null) {
      for (String id : ids.getIds()) {
        if (context.getHistoricProcessInstanceManager().findHistoricProcessInstance(id) != null) {
          instances.add(id);
        } else {
          JobEntity job = context.getJobManager().findJobById(id);
          if (job != null && job.getProcessInstanceId() != null && !instances.contains(job.getProcessInstanceId())) {
            instances.add(job.getProcessInstanceId());
          }
        }
      }
    }
    List<String> instructions = configuration instanceof ModificationBatchConfiguration modification
        ? modification.getInstructions().stream().map(Object::toString).toList()
        : List.of();
    return new ObservedCommand.Batch(batchId, batch.getType(), instances, instructions);
  }

  private static String instant(String millis) {
    try {
      return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis)).toString();
    } catch (NumberFormatException e) {
      return millis;
    }
  }

  /** A short text of a variable's new value; none for objects and files. */
  private static String value(HistoricVariableUpdateEventEntity variable) {
    String serializer = variable.getSerializerName();
    if (variable.getTextValue() != null) {
      String text = variable.getTextValue();
      return text.length() <= VALUE_LENGTH ? text : text.substring(0, VALUE_LENGTH) + "…";
    }
    if (variable.getLongValue() != null) {
      return switch (serializer == null ? "" : serializer) {
        case "boolean" -> Boolean.toString(variable.getLongValue() != 0);
        case "date" -> Instant.ofEpochMilli(variable.getLongValue()).toString();
        default -> variable.getLongValue().toString();
      };
    }
    return variable.getDoubleValue() == null ? null : variable.getDoubleValue().toString();
  }
}
