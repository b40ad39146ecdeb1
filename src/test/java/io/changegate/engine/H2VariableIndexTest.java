package io.changegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.BoundSql;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On the application's H2 database, the statement the engine runs to read an execution's variables looks up that
 * execution's rows (H2's plan for it, whatever its statistics say), and reads what the variables are.
 */
@ChangegateIntegrationTest
class H2VariableIndexTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;
  @Autowired JdbcClient jdbc;

  @Test
  void theEnginesReadOfAnExecutionsVariablesLooksUpThatExecutionsRowsOnH2() throws Exception {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDatabaseType()).isEqualTo("h2");
    String runs = configuration.getDbSqlSessionFactory().mapStatement(H2VariableIndex.ENGINE_STATEMENT);
    assertThat(runs).isEqualTo(H2VariableIndex.STATEMENT);
    BoundSql statement = configuration.getSqlSessionFactory().getConfiguration().getMappedStatement(runs)
        .getBoundSql(new ListQueryParameterObject(
            Map.of("executionId", "execution-1", "variableNames", List.of("changeId", "rolloutState")), 0,
            Integer.MAX_VALUE));

    String plan;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement explain = connection.prepareStatement("EXPLAIN " + statement.getSql())) {
      explain.setString(1, "execution-1");
      explain.setString(2, "changeId");
      explain.setString(3, "rolloutState");
      try (ResultSet result = explain.executeQuery()) {
        result.next();
        plan = result.getString(1);
      }
    }

    // the line after the variable table names the index H2 reads it with, and the condition it looks up
    String access = plan.substring(plan.indexOf("ACT_RU_VARIABLE\" \"RES\""));
    access = access.substring(access.indexOf("/*"), access.indexOf("*/"));
    assertThat(access).as(plan).contains(H2VariableIndex.NAME).contains("EXECUTION_ID_ =");
  }

  @Test
  void theEngineReadsAnExecutionsVariablesByNameAndAllOfThemAsStored() {
    String changeId = Http.as(port, "requester").post("/api/changes", Changes.normal("Variables read on H2")).json()
        .path("id").asText();
    String root = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(changeId)
        .processDefinitionKey("change-request").singleResult().getId();
    Map<String, Object> stored = jdbc.sql("SELECT NAME_, TEXT_ FROM ACT_RU_VARIABLE WHERE EXECUTION_ID_ = ?"
            + " AND TASK_ID_ IS NULL AND TEXT_ IS NOT NULL").param(root)
        .query((rs, n) -> Map.entry(rs.getString(1), (Object) rs.getString(2))).list().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(stored).containsKeys("changeId", "changeType");

    Map<String, Object> byName = engine.getRuntimeService().getVariablesLocal(root, List.of("changeId", "changeType"));
    assertThat(byName).containsEntry("changeId", changeId).containsEntry("changeType", stored.get("changeType"))
        .hasSize(2);
    assertThat(engine.getRuntimeService().getVariablesLocal(root)).containsAllEntriesOf(stored);
  }
}
