package io.changegate.security;

import io.changegate.engine.StatementOverrides;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL only: the engine's task query answers a page of a group's task list without de-duplicating every
 * candidate task first. Camunda selects {@code DISTINCT} over all columns of the tasks joined to their candidate links
 * and the user's grants; with 2,500 open tasks for a group, PostgreSQL joins, de-duplicates and sorts all of them
 * before it can return the newest 15 (15-18 ms of each Tasklist request, docs/benchmarks.md). The statement in
 * {@code TaskListQueries.xml} asks for the tasks whose id is among those the engine's own criteria select (its same
 * SQL fragment: every criterion, the candidate-group link, the authorization check), so PostgreSQL walks the tasks in
 * the requested order and stops at the end of the page (under a millisecond). Same tasks, same order; queries sorted
 * by a variable or a case-insensitive name keep the engine's form. The count keeps the engine's statement.
 */
@Component
public class TaskListQuery extends AbstractProcessEnginePlugin {

  /** The engine's statement for a task query's list. */
  public static final String ENGINE_STATEMENT = "selectTaskByQueryCriteria";
  /** The statement that answers it on PostgreSQL. */
  public static final String STATEMENT = "io.changegate.security.TaskListQueries.selectTaskByQueryCriteria";
  private static final String MAPPING = "io/changegate/security/TaskListQueries.xml";

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    if (!"postgres".equals(sessions.getDatabaseType())) {
      return;
    }
    StatementOverrides.load(configuration, MAPPING, STATEMENT);
    StatementOverrides.use(configuration, ENGINE_STATEMENT, STATEMENT);
  }
}
