package io.changegate.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/**
 * A statement of Changegate's that the engine runs instead of one of its own, on one database: Camunda's statement
 * mappings (its way of giving a database its own SQL), filled with statements from a MyBatis mapper of Changegate's
 * that may use the engine's fragments and result maps. Used from an engine plugin's {@code postInit} or later.
 */
public final class StatementOverrides {

  private StatementOverrides() {}

  /**
   * Adds the statements of {@code mapping} (a MyBatis mapper on the class path) to the engine's MyBatis configuration,
   * unless {@code statement}, one of them, is there already: an engine of the same JVM may share the configuration.
   */
  public static void load(ProcessEngineConfigurationImpl configuration, String mapping, String statement) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      if (mybatis.hasStatement(statement, false)) {
        return;
      }
      try (InputStream xml = StatementOverrides.class.getClassLoader().getResourceAsStream(mapping)) {
        if (xml == null) {
          throw new IllegalStateException(mapping + " is missing from the class path");
        }
        new XMLMapperBuilder(xml, mybatis, mapping, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** From now on this engine runs {@code statement} where it would run its own {@code engineStatement}. */
  public static void use(ProcessEngineConfigurationImpl configuration, String engineStatement, String statement) {
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    // a copy: the engine's map of a database's statements is shared by every engine of the JVM
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.put(engineStatement, statement);
    sessions.setStatementMappings(mappings);
  }
}
