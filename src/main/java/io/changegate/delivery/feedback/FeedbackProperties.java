package io.changegate.delivery.feedback;

import io.changegate.change.ChangeType;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.feedback}: the feedback after a change completes — whether it is asked for ({@code enabled}), how
 * long the survey stays open and the usage is measured over ({@code window}, 72 hours), and the usage query: PromQL
 * per service ({@code services.<name>}) else {@code usage-query}; placeholders {@code {service}},
 * {@code {environment}} and {@code {window}} (the window in seconds, {@code 259200s}). Blank: no usage is measured.
 * {@code change-types}: the kinds of change whose stakeholders are asked ({@code NORMAL} and {@code EMERGENCY}: the
 * ones people reviewed and approved; a pre-approved standard change, often one of many a pipeline submits each day,
 * is asked about only when {@code STANDARD} is added).
 */
@ConfigurationProperties("changegate.feedback")
public record FeedbackProperties(@DefaultValue("true") boolean enabled, @DefaultValue("PT72H") Duration window,
    @DefaultValue("sum(increase(http_requests_total{service=\"{service}\",environment=\"{environment}\"}[{window}]))")
    String usageQuery,
    Map<String, String> services,
    @DefaultValue({"NORMAL", "EMERGENCY"}) Set<ChangeType> changeTypes) {

  public FeedbackProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
    changeTypes = changeTypes == null ? Set.of() : Set.copyOf(changeTypes);
  }

  /** The usage query of {@code service}, null when none is configured. */
  public String usageQueryOf(String service) {
    String query = services.getOrDefault(service, usageQuery);
    return query == null || query.isBlank() ? null : query;
  }
}
