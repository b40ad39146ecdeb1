package io.changegate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.FreshDatabase;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
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

  /**
   * The checksums of the SQL migrations as released. A released migration is never edited: a database that applied
   * it would refuse to start (Flyway's validation). Change the schema with a new migration, and add its checksum here
   * once it is released.
   */
  static final Map<String, Integer> RELEASED = Map.ofEntries(
      Map.entry("1", 970073982),
      Map.entry("2", -925275530),
      Map.entry("3", -1960546224),
      Map.entry("4", -1790133977),
      Map.entry("5", -295878628),
      Map.entry("6", -1723890885),
      Map.entry("7", 1302197622),
      Map.entry("9", 1836593813),
      Map.entry("10", -1052565688),
      Map.entry("11", 2040350109),
      Map.entry("13", -2017095401),
      Map.entry("14", -598023152),
      Map.entry("15", -51830425),
      Map.entry("16", 255645524),
      Map.entry("17", -75145525),
      Map.entry("18", 928960237),
      Map.entry("19", 1868759369),
      Map.entry("20", 837311925),
      Map.entry("21", -811547459),
      Map.entry("22", 1005003350),
      Map.entry("23", -1966665263),
      Map.entry("24", 1894916311),
      Map.entry("25", -457833307),
      Map.entry("26", 1298992792),
      Map.entry("27", 25768636),
      Map.entry("28", -1905912483));

  @Test
  void noReleasedMigrationIsEdited() throws Exception {
    try (FreshDatabase db = FreshDatabase.open(FreshDatabase.H2, "released")) {
      Map<String, Integer> now = new TreeMap<>();
      for (MigrationInfo migration : Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration")
          .table("changegate_schema_history").load().info().all()) {
        if (migration.getChecksum() != null) {
          now.put(migration.getVersion().getVersion(), migration.getChecksum());
        }
      }
      assertThat(now).as("a released migration's text changed: change the schema with a new migration instead")
          .containsAllEntriesOf(RELEASED);
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
