package io.changegate.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The groups of docs/names.md. A member of group {@code g} holds the Spring authority {@code GROUP_g}. */
public final class Groups {

  public static final String DEVELOPERS = "developers";
  public static final String OPERATIONS = "operations";
  public static final String SECURITY = "security";
  public static final String LEGAL = "legal";
  public static final String CAB = "cab";
  public static final String ECAB = "ecab";
  public static final String PROCESS_OWNERS = "process-owners";
  public static final String AUDITORS = "auditors";
  public static final String CAMUNDA_ADMIN = org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN;

  public static final List<String> ALL =
      List.of(DEVELOPERS, OPERATIONS, SECURITY, LEGAL, CAB, ECAB, PROCESS_OWNERS, AUDITORS, CAMUNDA_ADMIN);

  public static final String AUTHORITY_PREFIX = "GROUP_";

  private Groups() {}

  public static String authority(String group) {
    return AUTHORITY_PREFIX + group;
  }

  public static String[] authorities(String... groups) {
    return Arrays.stream(groups).map(Groups::authority).toArray(String[]::new);
  }

  public static boolean hasAny(Authentication user, String... groups) {
    List<String> wanted = Arrays.asList(authorities(groups));
    return user != null && user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(wanted::contains);
  }
}
