package io.changegate.monitoring.integrity;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code changegate.monitoring.integrity}: the data-integrity checkpoints of each service, run in every validation
 * round (after the deploy and during the stabilization). The queries live here, in configuration that operations
 * owns, never in a change request: their answers appear on the timeline.
 *
 * @param services service → its read-only data source and checks
 */
@ConfigurationProperties("changegate.monitoring.integrity")
public record IntegrityProperties(Map<String, Service> services) {

  public IntegrityProperties {
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  /**
   * The checks of one service and the data source its SQL checks read through.
   *
   * @param datasource JDBC URL ({@code {environment}} is replaced), user and the property or environment variable
   *     holding the password; give it a database account that can only read
   */
  public record Service(DataSource datasource, List<Check> checks) {

    public Service {
      checks = checks == null ? List.of() : List.copyOf(checks);
    }
  }

  /** A read-only JDBC data source. */
  public record DataSource(String url, String username, String passwordProperty) {}

  /**
   * One checkpoint: {@code sql} (its first column of its first row) or an HTTP invariant ({@code url}, GET, the
   * text at {@code json-pointer} of the JSON answer, or the whole body), compared with {@code expect} (numbers as
   * numbers, anything else as text).
   */
  public record Check(String name, String sql, URI url, String jsonPointer, String expect) {}
}
