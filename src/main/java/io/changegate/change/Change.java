package io.changegate.change;

import java.time.Instant;
import java.util.List;

/** A change as Changegate stores it. */
public record Change(
    String id,
    String title,
    String description,
    String service,
    String environment,
    Artifact artifact,
    Level impact,
    Level urgency,
    boolean regulated,
    boolean securityRelevant,
    String standardChangeTemplate,
    boolean emergency,
    String emergencyJustification,
    Instant plannedStart,
    Instant plannedEnd,
    List<Target> targets,
    String rollbackPlan,
    ValidationSpec validation,
    boolean dryRun,
    String requester,
    ChangeStatus status,
    ChangeType type,
    String classificationReason,
    Level riskLevel,
    Instant createdAt,
    Instant updatedAt) {}
