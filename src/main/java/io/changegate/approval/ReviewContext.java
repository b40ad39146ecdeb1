package io.changegate.approval;

/**
 * What a reviewer reads on a review, approval or sign-off form (never from a form: from the change store and the
 * task records): the change's texts, the facts the sign-off decision reads ({@code impact}, the environment catalog's
 * {@code environmentKind} and {@code environmentOwner} of its environment — an environment the catalog does not know
 * counts as production, with no owner —, {@code regulated}, {@code securityRelevant}: asked for by the requester or by
 * security-scan-gate, {@code riskLevel}, empty when not assessed), the runbook one line per item with its author, every
 * earlier decision, the security scans of the artifact with their worst findings, and the services that depend on the
 * changed one (owner, required version, overlapping changes in the same environment), one line each.
 */
public record ReviewContext(
    String description,
    String rollbackPlan,
    String classificationReason,
    String impact,
    String environment,
    String environmentKind,
    String environmentOwner,
    boolean regulated,
    boolean securityRelevant,
    String riskLevel,
    String runbookPreChecks,
    String runbookSteps,
    String runbookPostChecks,
    String runbookRollbackSteps,
    String runbookAuthor,
    String earlierDecisions,
    String scanFindings,
    String dependents) {}
