package io.changegate.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against the Camunda identity service: the same users, passwords and groups as Tasklist,
 * Cockpit and Admin, with the engine's own brute-force protection (growing delays after failed logins).
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isBlank() || credentials == null
        || !identityService.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
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
