package io.changegate.deployment;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code changegate.deployment.pre-traffic}: the preview or canary endpoint of a service, checked for a 200 before
 * the traffic switch of every change to it that declares no {@code preTraffic} of its own.
 *
 * @param services service → its preview endpoint; {@code preview-url} with the placeholders {service},
 *     {environment}, {version}
 */
@ConfigurationProperties("changegate.deployment.pre-traffic")
public record PreTrafficProperties(Map<String, Service> services) {

  public PreTrafficProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  /** The preview endpoint of one service. */
  public record Service(String previewUrl) {}
}
