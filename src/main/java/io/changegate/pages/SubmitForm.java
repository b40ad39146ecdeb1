package io.changegate.pages;

import io.changegate.change.Artifact;
import io.changegate.change.ChangeRequest;
import io.changegate.change.Runbook;
import io.changegate.change.Target;
import io.changegate.web.FieldError;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page form of a new change: the fields of {@code POST /api/changes} as a person types them (planned times in
 * their own zone, targets and runbook one per line). It becomes a {@link ChangeRequest}, which the change service
 * validates as it validates the API's; each error is shown next to the field it is about.
 */
public class SubmitForm {

  private String title;
  private String description;
  private String service;
  private String environment;
  private String artifactName;
  private String artifactVersion;
  private String artifactDigest;
  private String impact = "LOW";
  private String urgency = "LOW";
  private boolean regulated;
  private boolean securityRelevant;
  private String standardChangeTemplate;
  private boolean emergency;
  private String emergencyJustification;
  private String plannedStart;
  private String plannedEnd;
  private String targets;
  private String rollbackPlan;
  private String preChecks;
  private String steps;
  private String postChecks;
  private String rollbackSteps;
  private boolean dryRun;

  /** Errors of the form's own parsing (times, targets), by form field. */
  final List<FieldError> parseErrors = new ArrayList<>();

  ChangeRequest toRequest(ZoneId zone) {
    parseErrors.clear();
    Artifact artifact = blank(artifactName) && blank(artifactVersion) && blank(artifactDigest) ? null
        : new Artifact(trim(artifactName), trim(artifactVersion), trim(artifactDigest));
    List<Target> targetList = new ArrayList<>();
    if (!blank(targets)) {
      for (String line : targets.split("\\R")) {
        String entry = line.strip();
        if (entry.isEmpty()) {
          continue;
        }
        int colon = entry.indexOf(':');
        targetList.add(colon < 0 ? new Target("sandbox", entry)
            : new Target(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip()));
      }
    }
    Runbook runbook = Runbook.fromLines(preChecks, steps, postChecks, rollbackSteps);
    return new ChangeRequest(trim(title), trim(description), trim(service), trim(environment), artifact,
        trim(impact), trim(urgency), regulated, securityRelevant, trim(standardChangeTemplate), emergency,
        trim(emergencyJustification), time("plannedStart", plannedStart, zone), time("plannedEnd", plannedEnd, zone),
        targetList.isEmpty() ? null : targetList, trim(rollbackPlan), null, dryRun,
        runbook.isEmpty() ? null : runbook, null, null);
  }

  /** Errors by the form field they belong to; those of no field under {@code ""}. */
  static Map<String, List<String>> byField(List<FieldError> errors) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (FieldError error : errors) {
      fields.computeIfAbsent(formField(error.field()), k -> new ArrayList<>()).add(error.message());
    }
    return fields;
  }

  static String formField(String apiField) {
    if (apiField == null) {
      return "";
    }
    return switch (apiField) {
      case "artifact.name" -> "artifactName";
      case "artifact.version" -> "artifactVersion";
      case "artifact.digest" -> "artifactDigest";
      case "artifact" -> "artifactName";
      default -> {
        if (apiField.startsWith("targets")) {
          yield "targets";
        }
        if (apiField.startsWith("runbook.")) {
          String part = apiField.substring("runbook.".length()).replaceAll("\\[.*", "");
          yield part;
        }
        if (apiField.startsWith("validation")) {
          yield "";
        }
        yield apiField;
      }
    };
  }

  private OffsetDateTime time(String field, String value, ZoneId zone) {
    if (blank(value)) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.strip()).atZone(zone).toOffsetDateTime();
    } catch (DateTimeException e) {
      parseErrors.add(new FieldError(field, "must be a date and time (YYYY-MM-DDThh:mm)"));
      return null;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String trim(String value) {
    return blank(value) ? null : value.strip();
  }

  // getters and setters for data binding
  public String getTitle() { return title; }
  public void setTitle(String v) { title = v; }
  public String getDescription() { return description; }
  public void setDescription(String v) { description = v; }
  public String getService() { return service; }
  public void setService(String v) { service = v; }
  public String getEnvironment() { return environment; }
  public void setEnvironment(String v) { environment = v; }
  public String getArtifactName() { return artifactName; }
  public void setArtifactName(String v) { artifactName = v; }
  public String getArtifactVersion() { return artifactVersion; }
  public void setArtifactVersion(String v) { artifactVersion = v; }
  public String getArtifactDigest() { return artifactDigest; }
  public void setArtifactDigest(String v) { artifactDigest = v; }
  public String getImpact() { return impact; }
  public void setImpact(String v) { impact = v; }
  public String getUrgency() { return urgency; }
  public void setUrgency(String v) { urgency = v; }
  public boolean isRegulated() { return regulated; }
  public void setRegulated(boolean v) { regulated = v; }
  public boolean isSecurityRelevant() { return securityRelevant; }
  public void setSecurityRelevant(boolean v) { securityRelevant = v; }
  public String getStandardChangeTemplate() { return standardChangeTemplate; }
  public void setStandardChangeTemplate(String v) { standardChangeTemplate = v; }
  public boolean isEmergency() { return emergency; }
  public void setEmergency(boolean v) { emergency = v; }
  public String getEmergencyJustification() { return emergencyJustification; }
  public void setEmergencyJustification(String v) { emergencyJustification = v; }
  public String getPlannedStart() { return plannedStart; }
  public void setPlannedStart(String v) { plannedStart = v; }
  public String getPlannedEnd() { return plannedEnd; }
  public void setPlannedEnd(String v) { plannedEnd = v; }
  public String getTargets() { return targets; }
  public void setTargets(String v) { targets = v; }
  public String getRollbackPlan() { return rollbackPlan; }
  public void setRollbackPlan(String v) { rollbackPlan = v; }
  public String getPreChecks() { return preChecks; }
  public void setPreChecks(String v) { preChecks = v; }
  public String getSteps() { return steps; }
  public void setSteps(String v) { steps = v; }
  public String getPostChecks() { return postChecks; }
  public void setPostChecks(String v) { postChecks = v; }
  public String getRollbackSteps() { return rollbackSteps; }
  public void setRollbackSteps(String v) { rollbackSteps = v; }
  public boolean isDryRun() { return dryRun; }
  public void setDryRun(boolean v) { dryRun = v; }
}
