package io.changegate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.FreshDatabase;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database of release 25 (V27 as first released, the status-only index still there) and one of release 26 (V27
 * edited to drop that index, recorded with the edited text's checksum) both migrate to the current schema, on H2 and
 * on PostgreSQL; any other checksum of V27 is still refused.
 */
class EditedMigrationsTest {

  static final int EDITED_V27 = EditedMigrations.EDITED.get("27")[0];
  static final int ORIGINAL_V27 = EditedMigrations.EDITED.get("27")[1];

  static Stream<String> databases() {
    return Stream.of(FreshDatabase.H2, FreshDatabase.POSTGRESQL);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDatabaseOfRelease25LosesTheStatusOnlyIndex(String database) throws Exception {
    try (FreshDatabase db = FreshDatabase.open(database, "release-25").migrate("27")) {
      assertThat(checksumOfV27(db.jdbc())).isEqualTo(ORIGINAL_V27);
      assertThat(statusOnlyIndexExists(db)).isTrue();

      db.migrate(null, new EditedMigrations());

      assertThat(statusOnlyIndexExists(db)).isFalse();
      assertThat(applied(db.jdbc(), "28")).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDatabaseOfRelease26GetsV27sChecksumBackAndMigrates(String database) throws Exception {
    try (FreshDatabase db = release26(database)) {
      assertThatThrownBy(() -> db.migrate(null)).as("Flyway alone refuses the edited checksum")
          .isInstanceOf(FlywayException.class).hasMessageContaining("27");

      db.migrate(null, new EditedMigrations());

      assertThat(checksumOfV27(db.jdbc())).isEqualTo(ORIGINAL_V27);
      assertThat(applied(db.jdbc(), "28")).isTrue();
      assertThat(statusOnlyIndexExists(db)).isFalse();
    }
  }

  @Test
  void anyOtherChecksumOfV27IsStillRefused() throws Exception {
    try (FreshDatabase db = FreshDatabase.open(FreshDatabase.H2, "tampered").migrate("27")) {
      db.jdbc().sql("UPDATE \"changegate_schema_history\" SET \"checksum\" = 12345 WHERE \"version\" = '27'").update();

      assertThatThrownBy(() -> db.migrate(null, new EditedMigrations())).isInstanceOf(FlywayException.class)
          .hasMessageContaining("27");
      assertThat(checksumOfV27(db.jdbc())).isEqualTo(12345);
    }
  }

  /** What release 26 left: V27 recorded with its edited text's checksum, the status-only index dropped. */
  private static FreshDatabase release26(String database) throws Exception {
    FreshDatabase db = FreshDatabase.open(database, "release-26").migrate("27");
    db.jdbc().sql("DROP INDEX changegate_change_status_idx").update();
    db.jdbc().sql("UPDATE \"changegate_schema_history\" SET \"checksum\" = ? WHERE \"version\" = '27'")
        .param(EDITED_V27).update();
    return db;
  }

  private static int checksumOfV27(JdbcClient jdbc) {
    return jdbc.sql("SELECT \"checksum\" FROM \"changegate_schema_history\" WHERE \"version\" = '27'")
        .query(Integer.class).single();
  }

  private static boolean applied(JdbcClient jdbc, String version) {
    return jdbc.sql("SELECT COUNT(*) FROM \"changegate_schema_history\" WHERE \"version\" = ? AND \"success\"")
        .param(version).query(Integer.class).single() == 1;
  }

  private static boolean statusOnlyIndexExists(FreshDatabase db) {
    String sql = db.isPostgres()
        ? "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'changegate_change_status_idx'"
        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'CHANGEGATE_CHANGE_STATUS_IDX'";
    return db.jdbc().sql(sql).query(Integer.class).single() > 0;
  }

  /** The application's Flyway runs the callback. */
  @Nested
  @ChangegateIntegrationTest
  class InTheApplication {

    @Autowired Flyway flyway;

    @Test
    void theApplicationsFlywayRestoresEditedChecksums() {
      assertThat(flyway.getConfiguration().getCallbacks()).hasAtLeastOneElementOfType(EditedMigrations.class);
    }
  }
}
