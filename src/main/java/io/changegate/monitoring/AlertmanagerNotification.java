package io.changegate.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The body Prometheus Alertmanager posts to a webhook receiver, payload version 4
 * (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). Fields Alertmanager adds in later
 * releases are ignored rather than refused.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerNotification(
    @NotNull @Pattern(regexp = "4", message = "must be \"4\" (Alertmanager webhook payload version 4)") String version,
    String groupKey,
    Integer truncatedAlerts,
    @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalURL,
    @NotNull @Size(max = 1000) List<@Valid @NotNull Alert> alerts) {

  /** One alert of the notification. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alert(
      @NotBlank @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
      @NotNull Map<String, String> labels,
      Map<String, String> annotations,
      String startsAt,
      String endsAt,
      String generatorURL,
      String fingerprint) {

    public String label(String name) {
      return labels == null ? null : labels.get(name);
    }
  }
}
