package io.changegate.pages;

import io.changegate.security.Groups;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The person looking at a page: their id, groups and time zone (from the browser, or UTC). */
public record Viewer(String id, List<String> groups, ZoneId zone) {

  static Viewer of(Authentication user, String zoneName) {
    List<String> groups = user == null ? List.of() : user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(Groups.AUTHORITY_PREFIX)).map(a -> a.substring(Groups.AUTHORITY_PREFIX.length()))
        .sorted().toList();
    return new Viewer(user == null ? null : user.getName(), groups, zone(zoneName));
  }

  static ZoneId zone(String name) {
    if (name == null || name.isBlank() || name.length() > 64) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8));
    } catch (DateTimeException | IllegalArgumentException e) {
      return ZoneId.of("UTC");
    }
  }

  public boolean in(String... wanted) {
    for (String group : wanted) {
      if (groups.contains(group)) {
        return true;
      }
    }
    return false;
  }

  public boolean mayOperate() {
    return in(Groups.OPERATIONS, Groups.CAMUNDA_ADMIN);
  }

  public boolean maySubmit() {
    return in(Groups.DEVELOPERS, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN);
  }

  public boolean mayOpenCockpit() {
    return in(Groups.OPERATIONS, Groups.CAB, Groups.AUDITORS, Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN);
  }

  /** Who may read delivery metrics (the {@code /delivery} page, {@code /api/metrics}). */
  public boolean mayReadMetrics() {
    return in(Groups.OPERATIONS, Groups.CAB, Groups.AUDITORS, Groups.PROCESS_OWNERS, Groups.CAMUNDA_ADMIN);
  }

  public boolean maySeeEvidence() {
    return in(Groups.AUDITORS, Groups.OPERATIONS, Groups.CAMUNDA_ADMIN);
  }
}
