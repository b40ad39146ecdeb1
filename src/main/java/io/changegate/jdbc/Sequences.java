package io.changegate.jdbc;

import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;

/** Ids from a database sequence, on the two databases Changegate runs on (H2, PostgreSQL). */
public final class Sequences {

  private Sequences() {
  }

  /** The next values of {@code sequence} (created by a Flyway migration) in the database behind {@code dataSource}. */
  public static DataFieldMaxValueIncrementer of(DataSource dataSource, String sequence) {
    String product;
    try {
      product = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("cannot tell which database this is", e);
    }
    return switch (product) {
      case "PostgreSQL" -> new PostgresSequenceMaxValueIncrementer(dataSource, sequence);
      case "H2" -> new H2SequenceMaxValueIncrementer(dataSource, sequence);
      default -> throw new IllegalStateException("no sequence support for " + product);
    };
  }
}
