package io.changegate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * H2 only: an index on the engine's {@code ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_)}, created after the engine has
 * created or checked its schema. The engine reads an execution's variables with {@code WHERE EXECUTION_ID_ = ? AND
 * TASK_ID_ IS NULL [AND NAME_ IN (...)]} (statement {@code selectVariablesByExecutionId}), several times in every job
 * of a change. H2's planner takes Camunda's index on {@code TASK_ID_} for the {@code IS NULL} and so reads every
 * variable that is not a task's — those of all running processes — for each read: 17 % of the job threads' CPU in a
 * run of 800 standard changes on H2 (docs/benchmarks.md). With this index H2 looks up the execution's own rows.
 * PostgreSQL plans the statement on the execution's index and gets no index of Changegate's.
 */
@Component
public class H2VariableIndex extends AbstractProcessEnginePlugin {

  /** The index's name (Camunda's own indexes start with {@code ACT_}). */
  public static final String NAME = "CG_IDX_VARIABLE_EXECUTION";

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!"h2".equals(configuration.getDatabaseType())) {
      return;
    }
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_VARIABLE";
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE INDEX IF NOT EXISTS " + NAME + " ON " + table + " (EXECUTION_ID_, TASK_ID_)");
    } catch (SQLException e) {
      throw new ProcessEngineException("could not create index " + NAME + " on " + table, e);
    }
  }
}
