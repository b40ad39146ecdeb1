package io.changegate.approval.process;

import io.changegate.approval.FormInputs;
import io.changegate.approval.TaskRecords;
import io.changegate.approval.TaskRecords.TaskRecord;
import io.changegate.engine.GovernanceRefusal;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskDescriptionCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskDueDateCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskFollowUpDateCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskNameCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskOwnerCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The engine-side gate for what people do to tasks and process instances, wherever they do it (Tasklist, Cockpit,
 * {@code /engine-rest}): a command interceptor that sees every command a person's request starts, before the
 * engine runs it, in the same transaction. The engine's authorizations say which process definitions a group may
 * work on; this gate adds what they cannot express:
 * <ul>
 *   <li>a person claims and completes only tasks that are for them — named as a candidate, or a member of a
 *       candidate group, as the process definition created the task ({@link TaskRecords}) — claims only for
 *       themselves, and completes no task someone else has claimed;
 *   <li>a completion carries only what the task's form asks (its input fields): any other variable, such as a fact
 *       the process routes on, is refused unless it merely repeats the current value (a read-only field);
 *   <li>a start carries only what the start form asks, and no business key: Changegate assigns the change id;
 *   <li>nobody but an administrator rewires a task or an instance by hand: assignee, owner, delegation, identity
 *       links, task or instance variables, BPMN errors and escalations thrown from a task, messages, signals,
 *       conditions, starts at an activity. (The authorizations refuse most of these already; this says why.)
 * </ul>
 * Administrators are held only to the form rule; their other interventions are recorded on the change's timeline.
 * Commands the engine or Changegate's own services run (no authenticated user) are not touched.
 */
public class TaskCommandGuard extends CommandInterceptor {

  private static final List<Class<?>> ADMINISTRATORS_ONLY = List.of(AssignTaskCmd.class, SetTaskOwnerCmd.class,
      DelegateTaskCmd.class, ResolveTaskCmd.class, AbstractAddIdentityLinkCmd.class, DeleteIdentityLinkCmd.class,
      SaveTaskCmd.class, DeleteTaskCmd.class, SetTaskVariablesCmd.class, RemoveTaskVariablesCmd.class,
      PatchTaskVariablesCmd.class, SetTaskNameCmd.class, SetTaskDescriptionCmd.class, SetTaskDueDateCmd.class,
      SetTaskFollowUpDateCmd.class, SetTaskPriorityCmd.class, HandleTaskBpmnErrorCmd.class,
      HandleTaskEscalationCmd.class, CreateAttachmentCmd.class, DeleteAttachmentCmd.class,
      SetExecutionVariablesCmd.class, RemoveExecutionVariablesCmd.class, PatchExecutionVariablesCmd.class,
      CorrelateMessageCmd.class, CorrelateAllMessageCmd.class, MessageEventReceivedCmd.class,
      SignalEventReceivedCmd.class, SignalCmd.class, EvaluateStartConditionCmd.class,
      StartProcessInstanceAtActivitiesCmd.class);

  private final ProcessEngineConfigurationImpl configuration;
  private final TaskRecords records;

  public TaskCommandGuard(ProcessEngineConfigurationImpl configuration, TaskRecords records) {
    this.configuration = configuration;
    this.records = records;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      // a command inside a command: part of one this gate has already seen (or the engine's own work)
      return next.execute(command);
    }
    Authentication person = configuration.getIdentityService().getCurrentAuthentication();
    if (person == null || person.getUserId() == null) {
      return next.execute(command);
    }
    boolean administrator = person.getGroupIds() != null && person.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    if (!administrator && ADMINISTRATORS_ONLY.stream().anyMatch(type -> type.isInstance(command))) {
      throw new GovernanceRefusal(person.getUserId() + " cannot " + describe(command)
          + ": only an administrator changes tasks and process instances by hand, and that is recorded");
    }
    Check check = checkFor(command, person, administrator);
    return check == null ? next.execute(command) : next.execute(new Checked<>(command, check));
  }

  private Check checkFor(Command<?> command, Authentication person, boolean administrator) {
    if (command instanceof ClaimTaskCmd claim) {
      String taskId = field(claim, ClaimTaskCmd.class, "taskId");
      String userId = field(claim, ClaimTaskCmd.class, "userId");
      return context -> {
        TaskEntity task = task(context, taskId);
        if (task != null) {
          claim(task, userId, person, administrator);
        }
      };
    }
    if (command instanceof CompleteTaskCmd complete) {
      String taskId = field(complete, CompleteTaskCmd.class, "taskId");
      Map<String, Object> variables = field(complete, CompleteTaskCmd.class, "variables");
      return context -> completeIfFound(task(context, taskId), variables, person, administrator);
    }
    if (command instanceof SubmitTaskFormCmd submit) {
      String taskId = field(submit, SubmitTaskFormCmd.class, "taskId");
      Map<String, Object> variables = field(submit, SubmitTaskFormCmd.class, "properties");
      return context -> completeIfFound(task(context, taskId), variables, person, administrator);
    }
    if (administrator) {
      return null;
    }
    if (command instanceof StartProcessInstanceCmd start) {
      ProcessInstantiationBuilderImpl builder = field(start, StartProcessInstanceCmd.class, "instantiationBuilder");
      return context -> start(context, builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(),
          builder.getBusinessKey(), builder.getVariables());
    }
    if (command instanceof SubmitStartFormCmd submit) {
      String definitionId = field(submit, SubmitStartFormCmd.class, "processDefinitionId");
      String businessKey = field(submit, SubmitStartFormCmd.class, "businessKey");
      Map<String, Object> variables = field(submit, SubmitStartFormCmd.class, "variables");
      return context -> start(context, definitionId, null, businessKey, variables);
    }
    return null;
  }

  private void claim(TaskEntity task, String userId, Authentication person, boolean administrator) {
    authorizedToWork(task);
    String me = person.getUserId();
    if (administrator) {
      return;
    }
    if (userId == null) {
      if (task.getAssignee() != null && !task.getAssignee().equals(me)) {
        throw new GovernanceRefusal("'" + task.getName() + "' is claimed by " + task.getAssignee()
            + "; only they can give it back");
      }
      return;
    }
    if (!userId.equals(me)) {
      throw new GovernanceRefusal(me + " can claim '" + task.getName() + "' only for themselves, not for " + userId);
    }
    mustBeFor(task, person);
  }

  private void completeIfFound(TaskEntity task, Map<String, Object> variables, Authentication person,
      boolean administrator) {
    if (task == null) {
      return;
    }
    authorizedToWork(task);
    if (!administrator) {
      if (task.getAssignee() != null && !task.getAssignee().equals(person.getUserId())) {
        throw new GovernanceRefusal("'" + task.getName() + "' is claimed by " + task.getAssignee() + "; "
            + person.getUserId() + " cannot complete it");
      }
      mustBeFor(task, person);
    }
    onlyFormInputs(task, variables);
  }

  /** The engine's own authorization check first: who may not work on the task at all hears that (403). */
  private static void authorizedToWork(TaskEntity task) {
    Context.getCommandContext().getProcessEngineConfiguration().getCommandCheckers()
        .forEach(checker -> checker.checkTaskWork(task));
  }

  /** The task must be for this person: a candidate user, or a member of a candidate group, as it was created. */
  private void mustBeFor(TaskEntity task, Authentication person) {
    List<String> groups = person.getGroupIds() == null ? List.of() : person.getGroupIds();
    boolean isFor = records.find(task.getId())
        .map(record -> record.isFor(person.getUserId(), groups))
        .orElseGet(() -> currentCandidates(task, person.getUserId(), groups));
    if (!isFor && !person.getUserId().equals(task.getAssignee())) {
      throw new GovernanceRefusal("'" + task.getName() + "' is not for " + person.getUserId()
          + ": it is for " + offeredTo(task));
    }
  }

  private String offeredTo(TaskEntity task) {
    return records.find(task.getId()).map(record -> {
      List<String> parts = new ArrayList<>();
      if (!record.candidateGroups().isEmpty()) {
        parts.add("group " + record.groupLabel());
      }
      if (!record.candidateUsers().isEmpty()) {
        parts.add(String.join(", ", record.candidateUsers()));
      }
      return parts.isEmpty() ? "nobody in particular" : String.join(" or ", parts);
    }).orElse("its candidates");
  }

  /** Tasks created before Changegate recorded them: their identity links as they are. */
  private static boolean currentCandidates(TaskEntity task, String user, List<String> groups) {
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())
          && (user.equals(link.getUserId()) || (link.getGroupId() != null && groups.contains(link.getGroupId())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A completion writes only the task form's inputs. A variable the form shows but does not take (read-only) passes
   * when it repeats the current value, and is then not written again; anything else is refused.
   */
  private void onlyFormInputs(TaskEntity task, Map<String, Object> variables) {
    if (variables == null || variables.isEmpty()) {
      return;
    }
    Set<String> inputs = Context.getCommandContext().runWithoutAuthorization(
        () -> FormInputs.of(configuration.getFormService().getDeployedTaskForm(task.getId())));
    List<String> echoes = new ArrayList<>();
    Set<String> refused = new TreeSet<>();
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      if (inputs.contains(variable.getKey())) {
        continue;
      }
      if (same(variable.getValue(), task.getVariable(variable.getKey()))) {
        echoes.add(variable.getKey());
      } else {
        refused.add(variable.getKey());
      }
    }
    if (!refused.isEmpty()) {
      throw new GovernanceRefusal("'" + task.getName() + "' does not take " + String.join(", ", refused)
          + ": a completion carries only what its form asks (" + (inputs.isEmpty() ? "nothing" : String.join(", ",
          inputs)) + ")");
    }
    echoes.forEach(variables::remove);
  }

  private void start(CommandContext context, String definitionId, String key, String businessKey,
      Map<String, Object> variables) {
    ProcessDefinitionEntity definition = definitionId != null
        ? configuration.getDeploymentCache().findDeployedProcessDefinitionById(definitionId)
        : configuration.getDeploymentCache().findDeployedLatestProcessDefinitionByKey(key);
    // the engine's own authorization check first: who may not start it at all hears that (403)
    context.getProcessEngineConfiguration().getCommandCheckers()
        .forEach(checker -> checker.checkCreateProcessInstance(definition));
    if (businessKey != null) {
      throw new GovernanceRefusal("Changegate assigns the change id; start without a business key");
    }
    if (variables == null || variables.isEmpty()) {
      return;
    }
    Set<String> inputs = context.runWithoutAuthorization(
        () -> FormInputs.of(configuration.getFormService().getDeployedStartForm(definition.getId())));
    Set<String> refused = new TreeSet<>();
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      if (!inputs.contains(variable.getKey()) && !same(variable.getValue(), null)) {
        refused.add(variable.getKey());
      }
    }
    if (!refused.isEmpty()) {
      throw new GovernanceRefusal("'" + (definition.getName() == null ? definition.getKey() : definition.getName())
          + "' does not start with " + String.join(", ", refused) + ": a start carries only what its start form asks ("
          + (inputs.isEmpty() ? "nothing" : String.join(", ", inputs)) + ")");
    }
  }

  /** The task, or null when there is none: the command itself then answers as the engine does (not found). */
  private static TaskEntity task(CommandContext context, String taskId) {
    return taskId == null ? null : context.getTaskManager().findTaskById(taskId);
  }

  /** Whether a submitted value only repeats the current one (numbers by value, blank as absent, JSON as text). */
  static boolean same(Object submitted, Object current) {
    Object a = plain(submitted);
    Object b = plain(current);
    if (a == null || b == null) {
      return a == null && b == null;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof Date x && b instanceof Date y) {
      return x.getTime() == y.getTime();
    }
    return a.equals(b) || a.toString().equals(b.toString());
  }

  private static Object plain(Object value) {
    Object plain = value instanceof TypedValue typed ? typed.getValue() : value;
    if (plain instanceof String text && text.isBlank()) {
      return null;
    }
    return plain;
  }

  private static String describe(Command<?> command) {
    String name = command.getClass().getSimpleName().replaceFirst("Cmd$", "");
    return "run " + name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }

  /** Reads a field of one of the engine's command classes (Camunda 7.24.0; checked by a test at every build). */
  @SuppressWarnings("unchecked")
  static <V> V field(Object command, Class<?> declaring, String name) {
    try {
      Field field = declaring.getDeclaredField(name);
      field.setAccessible(true);
      return (V) field.get(command);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("Changegate cannot read " + declaring.getSimpleName() + "." + name
          + " of this Camunda version; refusing the command rather than letting it pass unchecked", e);
    }
  }

  /** A check that runs in the command's own context and transaction, before the command. */
  @FunctionalInterface
  interface Check {
    void run(CommandContext context);
  }

  private record Checked<T>(Command<T> command, Check check) implements Command<T> {
    @Override
    public T execute(CommandContext context) {
      check.run(context);
      return command.execute(context);
    }
  }
}
