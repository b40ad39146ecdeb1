package io.changegate.calendar;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code changegate_service_dependency}: the services (third-party or internal) a service depends on.
 * Their maintenance windows are blackouts for it. Direct dependencies only, not transitive ones.
 */
@Repository
public class ServiceDependencies {

  private final JdbcClient jdbc;

  public ServiceDependencies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<String> of(String service) {
    return jdbc.sql("SELECT depends_on FROM changegate_service_dependency WHERE service = ? ORDER BY depends_on")
        .param(service).query(String.class).list();
  }

  public void replace(String service, List<String> dependsOn) {
    jdbc.sql("DELETE FROM changegate_service_dependency WHERE service = ?").param(service).update();
    for (String dependency : dependsOn) {
      jdbc.sql("INSERT INTO changegate_service_dependency (service, depends_on) VALUES (?, ?)")
          .params(service, dependency).update();
    }
  }
}
