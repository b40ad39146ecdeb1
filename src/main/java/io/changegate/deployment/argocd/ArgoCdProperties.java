package io.changegate.deployment.argocd;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code changegate.deployment.argocd}: the Argo CD API server. The adapter is configured when {@code url}
 * is set. The bearer token is read at each call from the property or environment variable named by
 * {@code token-property}; it is never stored.
 *
 * @param application Argo CD application of a target: placeholders {target}, {environment}, {service}
 * @param revision revision to sync (Git revision or Helm chart version): placeholders {version}, {digest}
 * @param rollout the Argo Rollouts resource of a target that the "Promote" step promotes after the pre-traffic checks
 *     (absent: the sync already switched the traffic, nothing to promote)
 */
@ConfigurationProperties("changegate.deployment.argocd")
public record ArgoCdProperties(
    URI url,
    @DefaultValue("CHANGEGATE_ARGOCD_TOKEN") String tokenProperty,
    @DefaultValue("{target}-{environment}") String application,
    @DefaultValue("{version}") String revision,
    @DefaultValue("false") boolean prune,
    @DefaultValue("PT10S") Duration timeout,
    Rollout rollout) {

  @ConstructorBinding
  public ArgoCdProperties {}

  /** Without an Argo Rollouts resource (nothing to promote). */
  public ArgoCdProperties(URI url, String tokenProperty, String application, String revision, boolean prune,
      Duration timeout) {
    this(url, tokenProperty, application, revision, prune, timeout, null);
  }

  /**
   * The Rollout (kind {@code Rollout}, group {@code argoproj.io}) of a target, in Argo CD's resource tree of the
   * target's application: promoted through Argo CD's resource action {@code action} ({@code resume}: the next step
   * of a paused canary, as {@code kubectl argo rollouts promote}; {@code promote-full}: every step at once).
   *
   * @param name placeholders {target}, {environment}, {service}
   * @param namespace placeholders {target}, {environment}, {service}
   */
  public record Rollout(@DefaultValue("{target}") String name, @DefaultValue("{service}") String namespace,
      @DefaultValue("resume") String action) {}
}
