package io.changegate.calendar;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code changegate_service_dependency}: the services (third-party or internal) a service depends on, each with the
 * lowest version it requires (or none). Their maintenance windows are blackouts for it; a required version is checked
 * at intake against what runs in the change's environment. Direct dependencies only, not transitive ones.
 * {@code changegate_service_owner}: the group that owns a service (signs off changes to the services it depends on).
 */
@Repository
public class ServiceDependencies {

  /** One dependency: the service depended on and the lowest version required ({@code null}: any). */
  public record Requirement(String service, String minVersion) {

    /** As declared: {@code stripe-api >= 2.3}, or the bare name. */
    public String declared() {
      return minVersion == null ? service : service + " >= " + minVersion;
    }
  }

  private final JdbcClient jdbc;

  public ServiceDependencies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The names of the services {@code service} depends on. */
  public List<String> of(String service) {
    return jdbc.sql("SELECT depends_on FROM changegate_service_dependency WHERE service = ? ORDER BY depends_on")
        .param(service).query(String.class).list();
  }

  /** What {@code service} depends on, with the versions it requires. */
  public List<Requirement> requirements(String service) {
    return jdbc.sql("""
            SELECT depends_on, min_version FROM changegate_service_dependency WHERE service = ? ORDER BY depends_on""")
        .param(service).query((rs, n) -> new Requirement(rs.getString(1), rs.getString(2))).list();
  }

  /** The services that depend on {@code service}, each with the version of it they require. */
  public List<Requirement> dependents(String service) {
    return jdbc.sql("""
            SELECT service, min_version FROM changegate_service_dependency WHERE depends_on = ? ORDER BY service""")
        .param(service).query((rs, n) -> new Requirement(rs.getString(1), rs.getString(2))).list();
  }

  public void replace(String service, List<String> dependsOn) {
    replaceRequirements(service, dependsOn.stream().map(d -> new Requirement(d, null)).toList());
  }

  public void replaceRequirements(String service, List<Requirement> requirements) {
    jdbc.sql("DELETE FROM changegate_service_dependency WHERE service = ?").param(service).update();
    for (Requirement requirement : requirements) {
      jdbc.sql("INSERT INTO changegate_service_dependency (service, depends_on, min_version) VALUES (?, ?, ?)")
          .params(service, requirement.service(), requirement.minVersion()).update();
    }
  }

  public Optional<String> ownerOf(String service) {
    return jdbc.sql("SELECT owner_group FROM changegate_service_owner WHERE service = ?").param(service)
        .query(String.class).optional();
  }

  public void setOwner(String service, String ownerGroup, String actor, Instant at) {
    jdbc.sql("DELETE FROM changegate_service_owner WHERE service = ?").param(service).update();
    jdbc.sql("INSERT INTO changegate_service_owner (service, owner_group, updated_by, updated_at) VALUES (?, ?, ?, ?)")
        .params(service, ownerGroup, actor, at.atOffset(ZoneOffset.UTC)).update();
  }

  /**
   * What Changegate last deployed of {@code service} to {@code environment}: the version of the newest change there
   * that completed (deployed and validated, not a dry run), with its id; empty when none is recorded.
   */
  public Optional<String[]> running(String service, String environment) {
    return jdbc.sql("""
            SELECT artifact_version, id FROM changegate_change
            WHERE service = ? AND environment = ? AND status = 'COMPLETED' AND dry_run = FALSE
              AND artifact_version IS NOT NULL
            ORDER BY updated_at DESC, id DESC""")
        .params(service, environment).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list()
        .stream().findFirst();
  }
}
