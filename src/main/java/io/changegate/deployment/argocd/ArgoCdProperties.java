package io.changegate.deployment.argocd;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.deployment.argocd}: the Argo CD API server. The adapter is configured when {@code url}
 * is set. The bearer token is read at each call from the property or environment variable named by
 * {@code token-property}; it is never stored.
 *
 * @param application Argo CD application of a target: placeholders {target}, {environment}, {service}
 * @param revision revision to sync (Git revision or Helm chart version): placeholders {version}, {digest}
 */
@ConfigurationProperties("changegate.deployment.argocd")
public record ArgoCdProperties(
    URI url,
    @DefaultValue("CHANGEGATE_ARGOCD_TOKEN") String tokenProperty,
    @DefaultValue("{target}-{environment}") String application,
    @DefaultValue("{version}") String revision,
    @DefaultValue("false") boolean prune,
    @DefaultValue("PT10S") Duration timeout) {}
