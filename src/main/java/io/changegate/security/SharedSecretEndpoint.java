package io.changegate.security;

import org.springframework.http.HttpMethod;

/**
 * An endpoint a machine calls with a shared secret instead of a Changegate login (a webhook, a metrics scrape).
 * Each capability declares its own as beans of this type; {@link SecurityConfiguration} authenticates them with
 * {@link SharedSecretAuthentication}: the secret, read at each request from the property or environment variable
 * {@code tokenProperty}, opens this endpoint and nothing else.
 *
 * @param method the HTTP method, or null for any
 * @param path the path (a Spring path pattern)
 * @param caller the name the caller is known by once authenticated
 * @param tokenProperty the property or environment variable holding the secret; without a value nothing is accepted
 * @param basicUser the HTTP Basic user name the secret may also come with as password, or null for bearer tokens only
 * @param administrators whether an administrator's HTTP Basic login opens the endpoint as well; an endpoint under
 *     {@code /actuator/} may allow it, any other is for its machine only
 * @param challenge what a caller without the secret is told (401)
 */
public record SharedSecretEndpoint(HttpMethod method, String path, String caller, String tokenProperty,
    String basicUser, boolean administrators, String challenge) {

  public SharedSecretEndpoint {
    if (administrators && !path.startsWith("/actuator/")) {
      throw new IllegalArgumentException("a shared-secret endpoint that administrators may also call must be under"
          + " /actuator/: " + path);
    }
  }

  /** The one authority the secret grants. */
  String authority() {
    return "SHARED_SECRET " + (method == null ? "*" : method.name()) + " " + path;
  }
}
