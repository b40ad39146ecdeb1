package io.changegate.governance;

import io.changegate.jdbc.Sequences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Repository;

/** Model changes, their files and decisions ({@code changegate_model_change*}), in the caller's transaction. */
@Repository
public class ModelChangeRepository {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Integer>> VERSIONS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final DataFieldMaxValueIncrementer ids;

  public ModelChangeRepository(JdbcClient jdbc, ObjectMapper json, DataSource dataSource) {
    this.jdbc = jdbc;
    this.json = json;
    this.ids = Sequences.of(dataSource, "changegate_model_change_seq");
  }

  /** The next model change id, {@code MC-} followed by at least six digits. */
  public String nextId() {
    return "MC-%06d".formatted(ids.nextLongValue());
  }

  public void insert(ModelChange c, List<ModelChange.Resource> resources) {
    jdbc.sql("""
            INSERT INTO changegate_model_change (id, deployment_id, deployment_name, deployed_by, deployed_at,
              process_instance_id, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(c.id(), c.deploymentId(), c.deploymentName(), c.deployedBy(), utc(c.deployedAt()),
            c.processInstanceId(), c.status().name(), utc(c.updatedAt()))
        .update();
    for (ModelChange.Resource r : resources) {
      jdbc.sql("""
              INSERT INTO changegate_model_change_resource (model_change_id, resource_name, kind, model_keys, sha256,
                content, base_versions) VALUES (?, ?, ?, ?, ?, ?, ?)""")
          .params(c.id(), r.name(), r.kind().name(), write(r.keys()), r.sha256(), r.content(),
              r.baseVersions() == null ? null : write(r.baseVersions()))
          .update();
    }
  }

  public Optional<ModelChange> find(String id) {
    return jdbc.sql("SELECT * FROM changegate_model_change WHERE id = ?").param(id).query(this::map).optional();
  }

  /** Locks the row for the rest of the transaction: decisions and activation of one model change queue here. */
  public Optional<ModelChange> lock(String id) {
    return jdbc.sql("SELECT * FROM changegate_model_change WHERE id = ? FOR UPDATE").param(id).query(this::map)
        .optional();
  }

  public Optional<ModelChange> findByDeployment(String deploymentId) {
    return jdbc.sql("SELECT * FROM changegate_model_change WHERE deployment_id = ?").param(deploymentId)
        .query(this::map).optional();
  }

  public Optional<ModelChange> findByProcessInstance(String processInstanceId) {
    return jdbc.sql("SELECT * FROM changegate_model_change WHERE process_instance_id = ?").param(processInstanceId)
        .query(this::map).optional();
  }

  public List<ModelChange> list(int limit) {
    return jdbc.sql("SELECT * FROM changegate_model_change ORDER BY deployed_at DESC, id DESC").query(this::map)
        .list().stream().limit(limit).toList();
  }

  public List<ModelChange.Resource> resources(String id) {
    return jdbc.sql("SELECT * FROM changegate_model_change_resource WHERE model_change_id = ? ORDER BY resource_name")
        .param(id)
        .query((rs, n) -> new ModelChange.Resource(rs.getString("resource_name"),
            ModelKind.valueOf(rs.getString("kind")), read(rs.getString("model_keys"), STRINGS),
            rs.getString("sha256"), rs.getString("content"),
            rs.getString("base_versions") == null ? null : read(rs.getString("base_versions"), VERSIONS)))
        .list();
  }

  public void recordBaseVersions(String id, String resourceName, Map<String, Integer> baseVersions) {
    jdbc.sql("UPDATE changegate_model_change_resource SET base_versions = ? WHERE model_change_id = ? AND resource_name = ?")
        .params(write(baseVersions), id, resourceName).update();
  }

  public void attachProcessInstance(String id, String processInstanceId) {
    jdbc.sql("UPDATE changegate_model_change SET process_instance_id = ? WHERE id = ?")
        .params(processInstanceId, id).update();
  }

  /** The outcome of the automatic checks: element changes and findings as JSON. */
  public void recordChecks(String id, ModelChangeStatus status, String changesJson, String findingsJson, Instant at) {
    jdbc.sql("UPDATE changegate_model_change SET status = ?, changes = ?, findings = ?, updated_at = ? WHERE id = ?")
        .params(status.name(), changesJson, findingsJson, utc(at), id).update();
  }

  public void updateStatus(String id, ModelChangeStatus status, Instant at) {
    jdbc.sql("UPDATE changegate_model_change SET status = ?, updated_at = ? WHERE id = ?")
        .params(status.name(), utc(at), id).update();
  }

  public void recordActivation(String id, String deploymentId, Instant at) {
    jdbc.sql("""
            UPDATE changegate_model_change SET status = ?, activation_deployment_id = ?, updated_at = ? WHERE id = ?""")
        .params(ModelChangeStatus.ACTIVATED.name(), deploymentId, utc(at), id).update();
  }

  public String changesJson(String id) {
    return jdbc.sql("SELECT changes FROM changegate_model_change WHERE id = ?").param(id).query(String.class)
        .optional().orElse(null);
  }

  public String findingsJson(String id) {
    return jdbc.sql("SELECT findings FROM changegate_model_change WHERE id = ?").param(id).query(String.class)
        .optional().orElse(null);
  }

  public void insertDecision(String id, ModelChange.Decision d) {
    jdbc.sql("""
            INSERT INTO changegate_model_change_decision (model_change_id, role, actor, decision, comment, decided_at)
            VALUES (?, ?, ?, ?, ?, ?)""")
        .params(id, d.role().name(), d.actor(), d.decision(), d.comment(), utc(d.decidedAt()))
        .update();
  }

  public List<ModelChange.Decision> decisions(String id) {
    return jdbc.sql("SELECT * FROM changegate_model_change_decision WHERE model_change_id = ? ORDER BY decided_at")
        .param(id)
        .query((rs, n) -> new ModelChange.Decision(ReviewRole.valueOf(rs.getString("role")), rs.getString("actor"),
            rs.getString("decision"), rs.getString("comment"),
            rs.getObject("decided_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private ModelChange map(ResultSet rs, int rowNum) throws SQLException {
    return new ModelChange(rs.getString("id"), rs.getString("deployment_id"), rs.getString("deployment_name"),
        rs.getString("deployed_by"), rs.getObject("deployed_at", OffsetDateTime.class).toInstant(),
        rs.getString("process_instance_id"), ModelChangeStatus.valueOf(rs.getString("status")),
        rs.getString("activation_deployment_id"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private <T> T read(String value, TypeReference<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable JSON in changegate_model_change_resource: " + value, e);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

}
