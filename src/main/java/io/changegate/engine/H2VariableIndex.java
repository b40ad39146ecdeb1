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
 * H2 only: the engine reads an execution's variables through an index on {@code ACT_RU_VARIABLE (EXECUTION_ID_,
 * TASK_ID_)}. Its statement ({@code selectVariablesByExecutionId}: {@code WHERE EXECUTION_ID_ = ? AND TASK_ID_ IS NULL
 * [AND NAME_ IN (...)]}) runs several times in every job of a change. H2's planner takes one of Camunda's indexes
 * that lead with {@code TASK_ID_} for the {@code IS NULL} (which one depends on its statistics) and so reads every
 * variable that is not a task's — those of all running processes — for each read: 17 % of the job threads' CPU in a
 * run of 800 standard changes on H2 (docs/benchmarks.md). The index alone did not make H2 choose it every time, so
 * the statement is replaced, for H2, by one that names it ({@code H2VariableQueries.xml}: same rows, same result
 * map). The index is created once the engine has created or checked its schema, and the statement is switched over
 * only then. PostgreSQL plans the engine's statement on the execution's index and gets neither.
 */
@Component
public class H2VariableIndex extends AbstractProcessEnginePlugin {

  /** The index's name (Camunda's own indexes start with {@code ACT_}). */
  public static final String NAME = "CG_IDX_VARIABLE_EXECUTION";
  /** The engine's statement. */
  public static final String ENGINE_STATEMENT = "selectVariablesByExecutionId";
  /** The statement that replaces it on H2. */
  public static final String STATEMENT = "io.changegate.engine.H2VariableQueries.selectVariablesByExecutionId";
  private static final String MAPPING = "io/changegate/engine/H2VariableQueries.xml";

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!isH2()) {
      return;
    }
    StatementOverrides.load(configuration, MAPPING, STATEMENT);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!isH2()) {
      return;
    }
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_VARIABLE";
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE INDEX IF NOT EXISTS " + NAME + " ON " + table + " (EXECUTION_ID_, TASK_ID_)");
    } catch (SQLException e) {
      throw new ProcessEngineException("could not create index " + NAME + " on " + table, e);
    }
    StatementOverrides.use(configuration, ENGINE_STATEMENT, STATEMENT);
  }

  private boolean isH2() {
    return "h2".equals(configuration.getDatabaseType());
  }
}
