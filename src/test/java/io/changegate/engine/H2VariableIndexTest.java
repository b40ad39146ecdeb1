package io.changegate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.ChangegateIntegrationTest;
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

/**
 * On the application's H2 database, the engine's statement that reads an execution's variables (by name) looks up
 * that execution's rows: H2's plan for it, asked with the statement the engine runs.
 */
@ChangegateIntegrationTest
class H2VariableIndexTest {

  @Autowired ProcessEngine engine;
  @Autowired DataSource dataSource;

  @Test
  void theEnginesReadOfAnExecutionsVariablesLooksUpThatExecutionsRowsOnH2() throws Exception {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getDatabaseType()).isEqualTo("h2");
    BoundSql statement = configuration.getSqlSessionFactory().getConfiguration()
        .getMappedStatement("selectVariablesByExecutionId")
        .getBoundSql(new ListQueryParameterObject(
            Map.of("executionId", "execution-1", "variableNames", List.of("changeId", "rolloutState")), 0,
            Integer.MAX_VALUE));
    assertThat(statement.getSql()).contains("EXECUTION_ID_ =").contains("TASK_ID_ is null").contains("NAME_ IN");

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
}
