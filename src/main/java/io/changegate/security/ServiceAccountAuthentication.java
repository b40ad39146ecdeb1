package io.changegate.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated with a service account's bearer token: named {@code svc:<name>}, holding
 * {@code SERVICE_ACCOUNT} and one {@code SCOPE_<action>} per action of its scope, never a group. The token itself is
 * not kept here.
 */
public final class ServiceAccountAuthentication extends AbstractAuthenticationToken {

  public static final String AUTHORITY = "SERVICE_ACCOUNT";

  private final ServiceAccount account;

  ServiceAccountAuthentication(ServiceAccount account) {
    super(authorities(account));
    this.account = account;
    setAuthenticated(true);
  }

  private static List<GrantedAuthority> authorities(ServiceAccount account) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority(AUTHORITY));
    account.actions().forEach(a -> authorities.add(new SimpleGrantedAuthority(a.authority())));
    return authorities;
  }

  public ServiceAccount account() {
    return account;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public Object getPrincipal() {
    return account.actor();
  }

  @Override
  public String getName() {
    return account.actor();
  }

  /**
   * Refuses (403) a service account acting on a service or environment outside its scope; people pass (their
   * groups decide elsewhere).
   */
  public static void requireScope(Authentication user, String service, String environment) {
    if (user instanceof ServiceAccountAuthentication sa && !sa.account.covers(service, environment)) {
      throw new org.springframework.security.access.AccessDeniedException("The token of " + sa.getName()
          + " is scoped to services " + sa.account.services() + " in environments " + sa.account.environments()
          + ", not " + service + " in " + environment);
    }
  }

  /** Whether the request was made by a person (HTTP Basic), not a service account, and not by nobody. */
  public static boolean isPerson(Authentication user) {
    return user != null && user.isAuthenticated() && !(user instanceof ServiceAccountAuthentication)
        && !(user instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
  }
}
