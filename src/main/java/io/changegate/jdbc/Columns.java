package io.changegate.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reading Changegate's column types from a row. */
public final class Columns {

  private Columns() {
  }

  /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant; null when the column is null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** As {@link #instant(ResultSet, String)}, by the column's position (1 is the first). */
  public static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
