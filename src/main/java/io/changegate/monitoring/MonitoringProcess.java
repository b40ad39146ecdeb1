package io.changegate.monitoring;

import io.changegate.engine.ProcessVariable;

/**
 * Names of the monitoring steps of {@code processes/deployment.bpmn} that code relies on, declared once here: the
 * validation's verdict, and the message {@code AlertFiring} with what it carries.
 */
public final class MonitoringProcess {

  /**
   * docs/names.md: Alertmanager reported a firing alert for the change's service and environment while it is
   * VALIDATING (business key = change id): the deployment stops and the change is rolled back.
   */
  public static final String MESSAGE_ALERT_FIRING = "AlertFiring";
  /**
   * Who asked for the rollback, and why: carried by {@code AlertFiring}, and with the same meaning by
   * {@code RollbackRequested} (rollback's {@code RollbackProcess}).
   */
  public static final ProcessVariable<String> REQUESTED_BY = ProcessVariable.of("requestedBy", String.class);
  public static final ProcessVariable<String> REQUEST_REASON = ProcessVariable.of("rollbackReason", String.class);

  /** The verdict of the last validation round ("Validate deployment"). */
  public static final ProcessVariable<Boolean> VALIDATION_PASSED =
      ProcessVariable.transientOf("validationPassed", Boolean.class);

  private MonitoringProcess() {}
}
