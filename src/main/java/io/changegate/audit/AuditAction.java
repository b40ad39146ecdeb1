package io.changegate.audit;

/**
 * What an audit entry records: the events of a change's timeline and of the governance around it, each named once.
 * The name is what the audit chain stores and {@code GET /api/changes/{id}} shows as the timeline's {@code event}.
 */
public enum AuditAction {

  // the change and its status (a status change is recorded under the status's name)
  SUBMITTED("a change was submitted (API or Tasklist start form)"),
  CLASSIFIED("change-classification decided its type and why"),
  IN_REVIEW("the change waits for its reviews"),
  APPROVED("every review approved it"),
  SCHEDULED("its slot in the change calendar is clear"),
  DEPLOYING("its deployment started"),
  VALIDATING("every rollout is healthy; validation runs"),
  COMPLETED("validated (and stable) in its environment"),
  REJECTED("a reviewer rejected it, with the reason"),
  CANCELLED("its requester, operations, the CAB or an administrator cancelled it"),
  ROLLING_BACK("a failure or request started its rollback"),
  ROLLED_BACK("its targets run what ran before, recovery verified"),
  FAILED("it could not be deployed or rolled back"),
  CHANGE_AMENDED("the requester amended it after a request for changes"),
  RESCHEDULED("it moved to a new planned slot"),

  // reviews and approvals
  DECISION("a review, approval or sign-off was decided: who, group, task, decision, comment"),
  SIGN_OFFS_REQUIRED("required-sign-offs named the signing groups"),
  SIGN_OFF_ROUND_ENDED("a round of sign-offs ended: approved, or who rejected or asked for changes"),
  ESCALATED("a task was overdue; its group was told"),
  FMEA_SAVED("an FMEA worksheet was stored (Tasklist or Excel)"),
  FMEA_ASSESSED("fmea-risk-level rated the worksheet"),
  PIR_RECORDED("the post-implementation review of an emergency change was recorded"),

  // the change calendar
  CALENDAR_BLOCKED("its slot is in a blackout or a dependency's maintenance"),
  CALENDAR_CLEAR("its slot is clear again"),
  RESUMED("a standard change waiting for a freeze went on"),
  BLACKOUT_OVERRIDDEN("an emergency change deployed inside a blackout"),
  BLACKOUT_CREATED("a blackout window was created"),
  BLACKOUT_DELETED("a blackout window was deleted"),
  MAINTENANCE_CREATED("a maintenance window was created"),
  MAINTENANCE_DELETED("a maintenance window was deleted"),
  SERVICE_DEPENDENCIES_DECLARED("a service's dependencies were declared"),

  // deployment and validation
  PROMOTION_OVERRIDDEN("an ECAB member approved an emergency with an override of the promotion order: who and why"),
  PROMOTION_REFUSED("its digest was not validated in the environment before (through a real adapter, for a real deployment)"),
  DEPLOYMENT_PLANNED("its targets, in order, and the release that validated its digest"),
  WAITING_FOR_ENVIRONMENT_SLOT("the environment's concurrent deployments are all in use"),
  ENVIRONMENT_SLOT_RESERVED("it holds one of the environment's deployment slots"),
  DEPLOYED("a deployment system accepted the deployment of a target"),
  DEPLOYMENT_REFUSED("a deployment system refused the deployment of a target"),
  MIGRATION_STARTED("a target's database migration started"),
  MIGRATION_REFUSED("a target's database migration was refused"),
  ROLLOUT_IN_PROGRESS("a target's rollout goes on"),
  ROLLOUT_HEALTHY("a target's rollout is healthy"),
  ROLLOUT_DEGRADED("a target's rollout turned degraded"),
  ROLLOUT_FAILED("a target's rollout failed or timed out"),
  ROLLOUTS_HEALTHY("every target's rollout is healthy"),
  VALIDATED("a validation round passed, with what was measured"),
  VALIDATION_FAILED("a validation round failed, with what was measured"),
  STABILIZING("validated; stays under observation until the end of its stabilization period"),
  ALERT_FIRING("an Alertmanager alert fired for its service and environment"),

  // release safety: before the traffic switch, data integrity, the feature-flag rollout
  PRE_TRAFFIC_CHECKED("the checks against the preview or canary endpoint passed before the traffic switch"),
  PRE_TRAFFIC_FAILED("a check against the preview or canary endpoint failed: no promotion, the change rolls back"),
  TRAFFIC_PROMOTED("a target's canary was promoted: the traffic went to the new version"),
  TRAFFIC_PROMOTION_REFUSED("the deployment system refused to promote a target's canary"),
  DATA_INTEGRITY_FAILED("a data-integrity checkpoint found other data than expected: measured and expected"),
  FLAG_STAGE_SET("a stage of the feature-flag rollout was set: flag, percentage, provider"),
  FLAG_STAGE_FAILED("a stage of the feature-flag rollout failed its validation or was refused"),
  FLAG_ROLLOUT_COMPLETED("every stage of the feature-flag rollout passed"),
  FLAG_SWITCHED_OFF("the feature flag was switched off before the rollback"),

  // rollback
  ROLLBACK_REQUESTED("operations asked for a rollback, with the reason"),
  EVIDENCE_PRESERVED("the evidence was preserved, each item with its SHA-256"),
  INCIDENT_OPENED("an incident was opened in the ITSM tool"),
  ROLLBACK_ROLLOUT_IN_PROGRESS("a target's rollback rollout goes on"),
  ROLLBACK_ROLLOUT_HEALTHY("a target's rollback rollout is healthy"),
  ROLLBACK_ROLLOUT_DEGRADED("a target's rollback rollout turned degraded"),
  ROLLBACK_ROLLOUT_FAILED("a target's rollback rollout failed"),
  TARGET_ROLLED_BACK("a target runs what ran before"),
  ROLLBACK_REFUSED("a deployment system refused a target's rollback"),
  RECOVERY_VERIFIED("after the rollback, validation passed"),
  RECOVERY_NOT_VERIFIED("after the rollback, validation still failed"),
  CHECKPOINT_RESTORED("operations restored a database checkpoint by hand"),
  ROLLBACK_FAILURE_HANDLED("operations restored the service by hand after a failed rollback"),
  POSTMORTEM_RECORDED("the blameless postmortem was written"),
  STATEFUL_COMPONENT_RESTORED("operations restored a stateful component (database, queue, cache) to its checkpoint"),
  ROLLBACK_REHEARSAL_REQUESTED("operations asked to rehearse the rollback of a validated change on purpose"),
  ROLLBACK_REHEARSED("a rollback rehearsal ended: time to restore and data consistency"),
  ROLLBACK_REHEARSAL_MISSING("the sign-offs wait: no passed rollback rehearsal of this digest before production"),
  ROLLBACK_REHEARSAL_FOUND("the rollback rehearsal of this digest the sign-offs rely on"),

  // incidents and problems of the ITSM tool
  INCIDENT_LINKED("an incident of the ITSM tool was linked to the change: system, reference, when it was opened, by whom"),
  PROBLEM_LINKED("a problem record names the change as the cause of its incidents"),

  // feedback in the first 72 hours
  FEEDBACK_REQUESTED("the change completed; its stakeholders were asked for feedback, due within the window"),
  FEEDBACK_ANSWERED("a stakeholder answered the feedback survey: rating, comment, actions"),
  FEEDBACK_EXPIRED("nobody answered the feedback survey within the window"),
  USAGE_MEASURED("the service's usage over the feedback window was measured by its PromQL query"),

  // delivery improvement
  IMPROVEMENT_ACTION_RECORDED("an improvement action from its postmortem or review was recorded: title, owner, due date"),
  IMPROVEMENT_ACTION_UPDATED("an improvement action changed status, owner or due date"),
  OUTCOMES_RECORDED("KPIs measured before and after the deployment, or the A/B experiment's verdict, were recorded"),
  KPI_MEASURED("Changegate measured a KPI's PromQL before or 72 hours after the deployment (value, source, or why not)"),
  IMPROVEMENT_ACTION_AMENDED("closing an improvement action applied its amendment (a runbook checklist item) or proposed "
      + "it (a standard-change template)"),
  IMPROVEMENT_ACTION_AMENDMENT_DECIDED("the process owner accepted or rejected a template amendment an improvement "
      + "action proposed"),

  // governance of the models and of the engine
  MODEL_CHANGE_PROPOSED("a process owner deployed a new version of a governance model"),
  MODEL_CHANGE_CHECKED("the automatic checks of a model change ran"),
  MODEL_CHANGE_DECISION("a reviewer decided on a model change"),
  MODEL_CHANGE_REJECTED("a model change was rejected; its version never runs"),
  MODEL_CHANGE_OUTDATED("another version was activated first"),
  MODEL_ACTIVATED("an approved model change governs from now on"),
  INTERVENTION("an administrator acted on the change's instances by hand"),
  INTERVENTION_ANNOTATED("an intervention got its reason afterwards"),

  // pipelines and the supply chain
  SERVICE_ACCOUNT_CREATED("an administrator created a service account for a pipeline, with its scope"),
  SERVICE_ACCOUNT_REVOKED("an administrator revoked a service account's token"),
  SERVICE_ACCOUNT_USED("a pipeline made a request with its service account's token, and what it was answered"),
  SERVICE_ACCOUNT_REFUSED("an expired or revoked token of a service account was presented"),
  SCAN_RECORDED("a security scan of an artifact digest was stored, with its findings by severity"),
  SCAN_GATE_CHECKED("security-scan-gate judged the scans of the change's artifact: pass, sign-off or refuse"),
  SCAN_GATE_REFUSED("security-scan-gate refused the change's artifact, with the reason"),
  CREDENTIAL_LEASED("a credential was leased from Vault for a job: the property, the Vault path and the lease id"),
  CREDENTIAL_LEASE_RENEWED("a Vault lease was renewed while its job ran"),
  CREDENTIAL_LEASE_REVOKED("a Vault lease was revoked once its job ended"),


  // infrastructure plans
  INFRASTRUCTURE_PLAN_ATTACHED("an infrastructure plan was attached: its SHA-256, creates, updates, deletes, destroys"),
  INFRASTRUCTURE_PLAN_VERIFIED("the plan presented for applying is the approved plan"),
  INFRASTRUCTURE_PLAN_MISMATCH("the plan presented for applying differs from the approved plan"),
  INFRASTRUCTURE_PLAN_REFUSED("the deployment was refused: the plan differs from the approved plan"),

  ADAPTER_NOT_ALLOWED("the deployment was refused: its environment no longer allows a target's adapter"),

  // release planning
  RELEASE_POLICY_DECLARED("a service's release policy was declared: continuous, or its weekly or monthly train"),

  // drift
  DRIFT_DETECTED("a target runs something other than what this change deployed: evidence, owner told, incident"),

  // the environment catalog
  ENVIRONMENT_CREATED("an environment was added to the catalog: kind, owner, adapters, promotion order"),
  ENVIRONMENT_UPDATED("an environment of the catalog was changed: what changed, by whom"),

  // bookings of non-production environments, idle clean-up
  ENVIRONMENT_BOOKED("a team booked a non-production environment for a time range: confirmed within its capacity"),
  ENVIRONMENT_BOOKING_CONTENDED("a booking overlaps others beyond the capacity: the owner group decides the order"),
  ENVIRONMENT_BOOKINGS_DECIDED("the owner group accepted an order of contended bookings or rejected one of them"),
  ENVIRONMENT_BOOKING_CANCELLED("a booking was cancelled"),
  ENVIRONMENT_DECOMMISSION_PROPOSED("an environment idle for the configured days was proposed to its owner for"
      + " decommissioning"),
  ENVIRONMENT_DECOMMISSION_DECIDED("the owner group decided to decommission an idle environment or to keep it"),
  // environment refresh (standard change environment-refresh)
  ENVIRONMENT_REFRESHED("the environment was copied from production and anonymized, and the verification query found"
      + " no unmasked record: counts, query, hashes"),
  ENVIRONMENT_REFRESH_FAILED("the refresh's verification query found unmasked records (or a step failed): the"
      + " environment must not be used; counts, query, hashes");

  private final String meaning;

  AuditAction(String meaning) {
    this.meaning = meaning;
  }

  /** What the event means, for people (docs/api.md lists them all). */
  public String meaning() {
    return meaning;
  }
}
