package io.changegate.oversight;

import io.changegate.change.ChangeProcess;
import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.oversight.ObservedCommand.ActivityEvent;
import io.changegate.oversight.ObservedCommand.InstanceEvent;
import io.changegate.oversight.ObservedCommand.InstanceRef;
import io.changegate.oversight.ObservedCommand.Operation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;

/**
 * Which engine operations are interventions on which change, without an engine: the paths the integration test
 * ({@code AdministratorInterventionApiTest}) does not walk over HTTP — migration and restart of several instances
 * at once, starts by hand — and the ones that must stay no intervention.
 */
class ObservedCommandTest {

  private static final Map<String, InstanceRef> ENGINE = Map.of(
      "pi-1", new InstanceRef("pi-1", "normal-change", "CHG-000001"),
      "pi-1-fmea", new InstanceRef("pi-1-fmea", "fmea-review", "CHG-000001"),
      "pi-2", new InstanceRef("pi-2", "normal-change", "CHG-000002"));
  private static final Function<String, InstanceRef> RESOLVE = ENGINE::get;

  private static Operation operation(String entity, String type, String processInstanceId, String annotation) {
    return new Operation("op-" + type, EngineOperations.of(entity, type).orElseThrow(), processInstanceId, null, null,
        null, null, null, annotation);
  }

  @Test
  void aCommandWithoutAnInterventionIsNone() {
    ObservedCommand completion = new ObservedCommand("reviewer", null);
    completion.activity(new ActivityEvent("pi-1", "normal-change", "Gateway_SignedOff", "Signed off?", true));

    assertThat(completion.interventions(RESOLVE, List.of())).isEmpty();
    assertThat(EngineOperations.of(EntityTypes.TASK, UserOperationLogEntry.OPERATION_TYPE_COMPLETE)).isEmpty();
    assertThat(EngineOperations.of(EntityTypes.TASK, UserOperationLogEntry.OPERATION_TYPE_CLAIM)).isEmpty();
  }

  @Test
  void aMigrationOfSeveralInstancesIsOneInterventionPerChange() {
    ObservedCommand migration = new ObservedCommand("admin", null);
    migration.operation(operation(EntityTypes.PROCESS_INSTANCE, UserOperationLogEntry.OPERATION_TYPE_MIGRATE, null,
        null));
    migration.instance(new InstanceEvent("pi-1", "normal-change", "CHG-000001", "migrate", null, null));
    migration.instance(new InstanceEvent("pi-2", "normal-change", "CHG-000002", "migrate", null, null));
    migration.instance(new InstanceEvent("pi-1-fmea", "fmea-review", "CHG-000001", "migrate", null, null));

    List<Intervention> interventions = migration.interventions(RESOLVE, List.of());

    assertThat(interventions).extracting(Intervention::businessKey).containsExactly("CHG-000001", "CHG-000002");
    assertThat(interventions).allSatisfy(i -> {
      assertThat(i.operations()).containsExactly("MigrateProcessInstance");
      assertThat(i.overridesGovernance()).isTrue();
      assertThat(i.annotation()).isNull();
    });
    assertThat(interventions.get(0).processInstances()).extracting(Intervention.Instance::id)
        .containsExactly("pi-1", "pi-1-fmea");
  }

  @Test
  void aRestartIsRecordedOnTheChangeOfTheNewInstance() {
    ObservedCommand restart = new ObservedCommand("admin", null);
    restart.operation(operation(EntityTypes.PROCESS_INSTANCE,
        UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE, null, null));
    restart.instance(new InstanceEvent("pi-new", "normal-change", "CHG-000001", "start", null, "pi-1"));
    restart.activity(new ActivityEvent("pi-new", "normal-change", "CallActivity_SignOff", "Collect sign-offs", true));

    Intervention intervention = restart.interventions(RESOLVE, List.of()).get(0);

    assertThat(intervention.businessKey()).isEqualTo("CHG-000001");
    assertThat(intervention.overridesGovernance()).isTrue();
    assertThat(intervention.processInstances().get(0).restartedFrom()).isEqualTo("pi-1");
    assertThat(intervention.activitiesStarted()).extracting(Intervention.Activity::activity)
        .containsExactly("CallActivity_SignOff");
  }

  @Test
  void aProcessStartedByHandWithAChangesIdOverridesItsGovernanceAStartFormDoesNot() {
    ObservedCommand startForm = new ObservedCommand("ops-engineer", null);
    startForm.operation(operation(EntityTypes.PROCESS_INSTANCE, UserOperationLogEntry.OPERATION_TYPE_CREATE,
        "pi-emergency", null));
    startForm.instance(new InstanceEvent("pi-emergency", "emergency-change", null, "start", null, null));
    startForm.instance(new InstanceEvent("pi-emergency", "emergency-change", "CHG-000009", "update", null, null));
    assertThat(startForm.interventions(RESOLVE, List.of())).isEmpty();

    ObservedCommand byHand = new ObservedCommand("admin", null);
    byHand.operation(operation(EntityTypes.PROCESS_INSTANCE, UserOperationLogEntry.OPERATION_TYPE_CREATE,
        "pi-deploy", null));
    byHand.instance(new InstanceEvent("pi-deploy", "deployment", "CHG-000002", "start", null, null));
    Intervention intervention = byHand.interventions(RESOLVE, List.of()).get(0);
    assertThat(intervention.businessKey()).isEqualTo("CHG-000002");
    assertThat(intervention.operations()).containsExactly("StartProcessInstance");
    assertThat(intervention.overridesGovernance()).isTrue();
  }

  @Test
  void jobRetriesSuspensionAndMessagesAreRecordedWithoutOverriding() {
    ObservedCommand retries = new ObservedCommand("ops-engineer", null);
    retries.operation(new Operation("op-1", EngineOperations.of(EntityTypes.JOB,
        UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES).orElseThrow(), "pi-2", "job-7", null, "retries", "0",
        "3", null));
    Intervention retry = retries.interventions(RESOLVE, List.of()).get(0);
    assertThat(retry.overridesGovernance()).isFalse();
    assertThat(retry.jobs()).containsExactly("job-7");
    assertThat(retry.properties()).containsExactly(new Intervention.Property("SetJobRetries", "retries", "0", "3"));

    assertThat(EngineOperations.of(EntityTypes.PROCESS_INSTANCE, UserOperationLogEntry.OPERATION_TYPE_SUSPEND)
        .orElseThrow().overridesGovernance()).isFalse();

    ObservedCommand message = new ObservedCommand("admin", EngineOperations.CORRELATE_MESSAGE);
    message.activity(new ActivityEvent("pi-2", "change-request", "StartEvent_ChangeCancelled", "Change cancelled",
        true));
    Intervention correlated = message.interventions(RESOLVE, List.of()).get(0);
    assertThat(correlated.operations()).containsExactly("CorrelateMessage");
    assertThat(correlated.overridesGovernance()).isFalse();
  }

  @Test
  void aBatchIsRecordedOnEveryChangeItWillTouchAndASignalThatReachesNothingOnNone() {
    ObservedCommand deletion = new ObservedCommand("admin", null);
    deletion.operation(operation(EntityTypes.PROCESS_INSTANCE, UserOperationLogEntry.OPERATION_TYPE_DELETE, null,
        null));
    deletion.batch("batch-1");
    List<Intervention> interventions = deletion.interventions(RESOLVE,
        List.of(new ObservedCommand.Batch("batch-1", "instance-deletion", List.of("pi-1", "pi-2"), List.of())));
    assertThat(interventions).extracting(Intervention::businessKey).containsExactly("CHG-000001", "CHG-000002");
    assertThat(interventions).allSatisfy(i -> assertThat(i.batches()).extracting(Intervention.Batch::id)
        .containsExactly("batch-1"));

    ObservedCommand signal = new ObservedCommand("admin", EngineOperations.THROW_SIGNAL);
    List<Intervention> none = signal.interventions(RESOLVE, List.of());
    assertThat(none).hasSize(1);
    assertThat(none.get(0).businessKey()).isNull();
    assertThat(none.get(0).operations()).containsExactly("ThrowSignal");
  }

  @Test
  void anOperationOnOneInstanceStaysOnItsChange() {
    ObservedCommand edit = new ObservedCommand("admin", null);
    edit.operation(operation(EntityTypes.VARIABLE, UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, "pi-1",
        null));
    edit.variable(new ObservedCommand.VariableEvent("pi-1", "normal-change", ChangeProcess.RISK_LEVEL.name(), "update", null, "string",
        "LOW"));

    List<Intervention> interventions = edit.interventions(RESOLVE, List.of());

    assertThat(interventions).hasSize(1);
    assertThat(interventions.get(0).businessKey()).isEqualTo("CHG-000001");
    assertThat(interventions.get(0).variables()).containsExactly(
        new Intervention.Variable("riskLevel", "updated", "normal-change", null, "string", "LOW"));
  }
}
