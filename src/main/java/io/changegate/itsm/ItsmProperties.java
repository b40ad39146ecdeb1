package io.changegate.itsm;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.itsm}: the ITSM tool whose incidents and problems are linked to changes ({@code adapter}:
 * {@code sandbox}, the demo default, {@code servicenow} or {@code jira}), and how to reach ServiceNow and Jira Service
 * Management. Secrets are read at each call from the property or environment variable each {@code *-property} names,
 * never stored in the configuration. The same adapters open the incidents of rollbacks when
 * {@code changegate.incident.adapter} names them.
 */
@ConfigurationProperties("changegate.itsm")
public record ItsmProperties(@DefaultValue("sandbox") String adapter, ServiceNow servicenow, Jira jira) {

  /**
   * ServiceNow's Table API at {@code url} (the instance, {@code https://acme.service-now.com}): HTTP Basic with
   * {@code user} and the password from {@code password-property}, or, when {@code token-property} is set, an OAuth
   * bearer token from it.
   */
  public record ServiceNow(URI url, String user, @DefaultValue("CHANGEGATE_SERVICENOW_PASSWORD") String passwordProperty,
      String tokenProperty, String assignmentGroup, @DefaultValue("PT10S") Duration timeout) {}

  /**
   * Jira Service Management's REST API at {@code url} (the site, {@code https://acme.atlassian.net}): HTTP Basic with
   * {@code user} (an e-mail address) and the API token from {@code token-property}, or a bearer token (a personal
   * access token of Data Center) when {@code user} is not set. Incidents are requests of {@code service-desk-id} and
   * {@code request-type-id}; problems and incidents are linked with the issue link type {@code link-type}.
   */
  public record Jira(URI url, String user, @DefaultValue("CHANGEGATE_JIRA_TOKEN") String tokenProperty,
      String serviceDeskId, String requestTypeId, @DefaultValue("Problem/Incident") String linkType,
      @DefaultValue("PT10S") Duration timeout) {}
}
