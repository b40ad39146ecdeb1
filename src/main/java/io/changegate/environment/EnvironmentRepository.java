package io.changegate.environment;

import io.changegate.jdbc.Columns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.changegate.change.ChangeStatus;
import io.changegate.change.EnvironmentKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The environment catalog in {@code changegate_environment}. */
@Repository
class EnvironmentRepository {

  private static final TypeReference<TreeMap<String, String>> PARAMETERS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  EnvironmentRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  List<Environment> all() {
    return jdbc.sql("SELECT * FROM changegate_environment ORDER BY COALESCE(promotion_order, 2147483647), name")
        .query(this::map).list();
  }

  Optional<Environment> find(String name) {
    return jdbc.sql("SELECT * FROM changegate_environment WHERE name = ?").param(name).query(this::map).optional();
  }

  /** The environment, its row locked until the transaction ends (two updates never interleave). */
  Optional<Environment> findForUpdate(String name) {
    return jdbc.sql("SELECT * FROM changegate_environment WHERE name = ? FOR UPDATE").param(name).query(this::map)
        .optional();
  }

  /** The environment that holds this position of the promotion order, other than {@code except}. */
  Optional<String> atPosition(int position, String except) {
    return jdbc.sql("SELECT name FROM changegate_environment WHERE promotion_order = ? AND name <> ?")
        .params(position, except).query(String.class).optional();
  }

  void insert(Environment e) {
    jdbc.sql("""
            INSERT INTO changegate_environment (name, kind, owner_group, allowed_adapters, promotion_order,
              data_classification, infrastructure_template, template_parameters, capacity, version, created_by,
              created_at, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(e.name(), e.kind().name(), e.ownerGroup(), String.join(",", e.allowedAdapters()), e.promotionOrder(),
            e.dataClassification().name(), e.infrastructureTemplate(), write(e.templateParameters()), e.capacity(),
            e.version(), e.createdBy(), utc(e.createdAt()), e.updatedBy(), utc(e.updatedAt()))
        .update();
  }

  void update(Environment e) {
    jdbc.sql("""
            UPDATE changegate_environment SET kind = ?, owner_group = ?, allowed_adapters = ?, promotion_order = ?,
              data_classification = ?, infrastructure_template = ?, template_parameters = ?, capacity = ?,
              version = ?, updated_by = ?, updated_at = ?
            WHERE name = ?""")
        .params(e.kind().name(), e.ownerGroup(), String.join(",", e.allowedAdapters()), e.promotionOrder(),
            e.dataClassification().name(), e.infrastructureTemplate(), write(e.templateParameters()), e.capacity(),
            e.version(), e.updatedBy(), utc(e.updatedAt()), e.name())
        .update();
  }

  /** When the environment last had a deployment (not a dry run), if ever. */
  Optional<Instant> lastDeployment(String environment) {
    return jdbc.sql("SELECT MAX(deployed_at) FROM changegate_deployment WHERE environment = ? AND dry_run = FALSE")
        .param(environment).query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional()
        .filter(java.util.Objects::nonNull).map(OffsetDateTime::toInstant);
  }

  /** Deployment calls (not dry runs) to the environment since {@code since}. */
  long deploymentsSince(String environment, Instant since) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_deployment WHERE environment = ? AND dry_run = FALSE"
            + " AND deployed_at >= ?")
        .params(environment, since.atOffset(ZoneOffset.UTC)).query(Long.class).single();
  }

  /** Changes to the environment that have not ended yet. */
  List<String> openChanges(String environment) {
    List<String> open = Arrays.stream(ChangeStatus.values()).filter(s -> !s.isFinal()).map(Enum::name).toList();
    return jdbc.sql("SELECT id FROM changegate_change WHERE environment = :environment AND status IN (:open)"
            + " ORDER BY id")
        .param("environment", environment).param("open", open).query(String.class).list();
  }

  private Environment map(ResultSet rs, int row) throws SQLException {
    String adapters = rs.getString("allowed_adapters");
    int position = rs.getInt("promotion_order");
    Integer promotionOrder = rs.wasNull() ? null : position;
    return new Environment(rs.getString("name"), EnvironmentKind.valueOf(rs.getString("kind")),
        rs.getString("owner_group"), adapters.isEmpty() ? List.of() : List.of(adapters.split(",")), promotionOrder,
        DataClassification.valueOf(rs.getString("data_classification")), rs.getString("infrastructure_template"),
        read(rs.getString("template_parameters")), rs.getInt("capacity"), rs.getLong("version"),
        rs.getString("created_by"), Columns.instant(rs, "created_at"), rs.getString("updated_by"), Columns.instant(rs, "updated_at"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private String write(Map<String, String> parameters) {
    try {
      return json.writeValueAsString(new TreeMap<>(parameters));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("template parameters cannot be written as JSON", e);
    }
  }

  private Map<String, String> read(String text) {
    try {
      return text == null ? Map.of() : json.readValue(text, PARAMETERS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("template parameters in changegate_environment are not JSON", e);
    }
  }
}
