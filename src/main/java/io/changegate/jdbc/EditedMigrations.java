package io.changegate.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * Databases migrated by a release whose migration was edited after an earlier release had applied it: their
 * recorded checksum is set back to the migration's (the original) before Flyway validates, and the edit's effect is a
 * later migration of its own. Only the exact checksum of the edited text is replaced; any other difference still
 * fails validation, as Flyway means it to.
 *
 * <p>V27: release 25 created the open-changes index; release 26 added the drop of the status-only index to the same
 * file. Databases of release 25 then refused to start (checksum mismatch). V27 is release 25's again, the drop is V28
 * ({@code IF EXISTS}: release 26's databases dropped it already).
 */
@Component
public class EditedMigrations implements Callback {

  /** Version, the checksum of its edited text, the checksum of its original text. */
  static final Map<String, int[]> EDITED = Map.of("27", new int[] {-1867104496, 25768636});

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_VALIDATE || event == Event.BEFORE_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    String table = context.getConfiguration().getTable();
    Connection connection = context.getConnection();
    try {
      if (!exists(connection, table)) {
        return; // a new database
      }
      for (Map.Entry<String, int[]> edited : EDITED.entrySet()) {
        try (PreparedStatement restore = connection.prepareStatement("UPDATE \"" + table
            + "\" SET \"checksum\" = ? WHERE \"version\" = ? AND \"checksum\" = ?")) {
          restore.setInt(1, edited.getValue()[1]);
          restore.setString(2, edited.getKey());
          restore.setInt(3, edited.getValue()[0]);
          restore.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new FlywayException("could not restore the checksums of edited migrations in " + table, e);
    }
  }

  private static boolean exists(Connection connection, String table) throws SQLException {
    try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), table,
        new String[] {"TABLE"})) {
      return tables.next();
    }
  }

  @Override
  public String getCallbackName() {
    return "changegate-edited-migrations";
  }
}
