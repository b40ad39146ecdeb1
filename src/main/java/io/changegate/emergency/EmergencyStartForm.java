package io.changegate.emergency;

import io.changegate.change.Artifact;
import io.changegate.change.ChangeRequest;
import io.changegate.change.Target;
import io.changegate.change.ValidationSpec;
import java.util.Arrays;
import java.util.List;

/**
 * What an operations member entered on the Tasklist start form of {@code emergency-change}
 * ({@code forms/emergency-change-start.form}), as read; nothing is checked here. {@code targetNames} is a
 * comma-separated list; the numbers are as the form submitted them.
 */
public record EmergencyStartForm(
    String title,
    String service,
    String environment,
    String artifactName,
    String artifactVersion,
    String artifactDigest,
    String impact,
    String justification,
    String incidentReference,
    String targetNames,
    Number errorRateMax,
    Number latencyP95MaxMs,
    Number stabilizationMinutes) {

  /**
   * The change this form asks for, to be validated like any intake: urgent, an emergency with the form's
   * justification, its targets deployed by {@code adapter}, no artifact or success criteria unless the form gives
   * some.
   */
  ChangeRequest toChangeRequest(String adapter) {
    return EmergencyChangeRequest.titled(title)
        .on(service, environment)
        .artifact(artifact())
        .impact(impact)
        .justification(justification)
        .targets(targets(adapter))
        .validation(validation())
        .build();
  }

  /** The incident the emergency answers, or null when the form left it blank. */
  String incident() {
    return blankToNull(incidentReference);
  }

  private List<Target> targets(String adapter) {
    if (targetNames == null || targetNames.isBlank()) {
      return null;
    }
    return Arrays.stream(targetNames.split(",")).map(String::strip).filter(n -> !n.isEmpty())
        .map(n -> new Target(adapter, n)).toList();
  }

  private Artifact artifact() {
    return artifactName == null && artifactVersion == null ? null
        : new Artifact(artifactName, artifactVersion, blankToNull(artifactDigest));
  }

  private ValidationSpec validation() {
    if (errorRateMax == null && latencyP95MaxMs == null && stabilizationMinutes == null) {
      return null;
    }
    return new ValidationSpec(errorRateMax == null ? null : errorRateMax.doubleValue(),
        latencyP95MaxMs == null ? null : latencyP95MaxMs.intValue(),
        stabilizationMinutes == null ? null : stabilizationMinutes.intValue(), null);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
