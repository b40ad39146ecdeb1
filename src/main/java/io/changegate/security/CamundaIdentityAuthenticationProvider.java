package io.changegate.security;

import io.changegate.web.StorableText;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against the Camunda identity service: the same users, passwords and groups as Tasklist,
 * Cockpit and Admin. Every outcome is counted by the {@link LoginThrottle} (which refuses throttled attempts
 * before they get here, {@link LoginThrottleFilter}); a user id or password no database could hold (a NUL
 * character) is a failed login, never a query.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final LoginThrottle throttle;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService, LoginThrottle throttle) {
    this.identityService = identityService;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    String client = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress()
        : null;
    if (userId == null || userId.isBlank() || credentials == null || StorableText.problem(userId) != null
        || StorableText.problem(credentials.toString()) != null
        || !identityService.checkPassword(userId, credentials.toString())) {
      throttle.failed(client, userId);
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    throttle.succeeded(client, userId);
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
        .list().stream().map(Tenant::getId).toList();
    var token = UsernamePasswordAuthenticationToken.authenticated(userId, null,
        groups.stream().map(g -> new SimpleGrantedAuthority(Groups.authority(g))).toList());
    token.setDetails(new CamundaPrincipal(userId, groups, tenants));
    return token;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
