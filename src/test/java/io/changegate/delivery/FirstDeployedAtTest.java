package io.changegate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.deployment.DeploymentOrder;
import io.changegate.deployment.DeploymentRecords;
import io.changegate.deployment.StoredCall;
import io.changegate.delivery.jdbc.JdbcDeliveryHistory;
import io.changegate.support.FreshDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code changegate_change.first_deployed_at} (V26), which the DORA report range-scans: the earliest non-dry-run
 * DEPLOY call of the change whatever its result — exactly what the report grouped the deploy calls for before. On H2
 * and on PostgreSQL (a database of its own, dropped after): V26's backfill of calls recorded before it, and
 * {@link DeploymentRecords} keeping it in the transaction that writes each call.
 */
class FirstDeployedAtTest {

  static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

  static Stream<String> databases() {
    return Stream.of("h2", "postgresql");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theMigrationBackfillsTheFirstNonDryRunDeployCall(String database) throws Exception {
    try (FreshDatabase db = FreshDatabase.open(database, "first-deployed")) {
      db.migrate("25");
      change(db.jdbc(), "CHG-A");
      change(db.jdbc(), "CHG-B");
      change(db.jdbc(), "CHG-C");
      // A: a dry run first, a migration, a refused deploy call (the first that counts), a later one that worked
      call(db.jdbc(), "CHG-A", "a-dry", "DEPLOY", "DRY_RUN", true, T);
      call(db.jdbc(), "CHG-A", "a-migration", "MIGRATION", "MIGRATED", false, T.plusSeconds(60));
      call(db.jdbc(), "CHG-A", "a-refused", "DEPLOY", "REFUSED", false, T.plusSeconds(120));
      call(db.jdbc(), "CHG-A", "a-deployed", "DEPLOY", "DEPLOYED", false, T.plusSeconds(180));
      // B: only a dry run; C: never deployed
      call(db.jdbc(), "CHG-B", "b-dry", "DEPLOY", "DRY_RUN", true, T);

      db.migrate(null);

      assertThat(firstDeployed(db.jdbc(), "CHG-A")).isEqualTo(T.plusSeconds(120));
      assertThat(firstDeployed(db.jdbc(), "CHG-B")).isNull();
      assertThat(firstDeployed(db.jdbc(), "CHG-C")).isNull();
      for (String id : List.of("CHG-A", "CHG-B", "CHG-C")) {
        assertThat(firstDeployed(db.jdbc(), id)).as(id).isEqualTo(minimumOfTheCalls(db.jdbc(), id));
      }
      List<Deployment> deployments = new JdbcDeliveryHistory(db.jdbc())
          .deployments(new DeliveryFilter(null, null, "production"), T.minusSeconds(3600), T.plusSeconds(3600));
      assertThat(deployments).extracting(Deployment::changeId, Deployment::deployedAt)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("CHG-A", T.plusSeconds(120)));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void deploymentRecordsKeepTheFirstDeployCallInTheCallsTransaction(String database) throws Exception {
    try (FreshDatabase db = FreshDatabase.open(database, "first-deployed")) {
      db.migrate(null);
      change(db.jdbc(), "CHG-D");
      AtomicReference<Instant> now = new AtomicReference<>(T);
      Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
      DataSourceTransactionManager transactions = new DataSourceTransactionManager(db.dataSource());
      DeploymentRecords records = new DeploymentRecords(db.jdbc(), transactions, clock);
      TransactionTemplate caller = new TransactionTemplate(transactions);

      // a dry run and a migration are no deployment
      records.insert(order("CHG-D", "dry", true), DeploymentRecords.KIND_DEPLOY, 0, "sandbox", StoredCall.DRY_RUN,
          "dry run", null, null, null);
      now.set(T.plusSeconds(30));
      records.insert(order("CHG-D", "migration", false), DeploymentRecords.KIND_MIGRATION, 0, "sandbox",
          StoredCall.CALLING, "migrating", null, null, null);
      assertThat(firstDeployed(db.jdbc(), "CHG-D")).isNull();

      // the intent of the first real deploy call commits on its own, and with it the change's first deployment,
      // even when the caller's transaction then rolls back
      now.set(T.plusSeconds(60));
      caller.executeWithoutResult(status -> {
        records.recordIntent(order("CHG-D", "first", false), DeploymentRecords.KIND_DEPLOY, 0, "sandbox", null);
        status.setRollbackOnly();
      });
      assertThat(firstDeployed(db.jdbc(), "CHG-D")).isEqualTo(T.plusSeconds(60));

      // a later call, refused or not, leaves it
      now.set(T.plusSeconds(120));
      records.insert(order("CHG-D", "second", false), DeploymentRecords.KIND_DEPLOY, 1, "sandbox",
          StoredCall.REFUSED, "refused", null, null, null);
      assertThat(firstDeployed(db.jdbc(), "CHG-D")).isEqualTo(T.plusSeconds(60));

      // a call recorded in a transaction that rolls back takes its change of first_deployed_at with it
      now.set(T.minusSeconds(60));
      caller.executeWithoutResult(status -> {
        records.insert(order("CHG-D", "rolled-back", false), DeploymentRecords.KIND_DEPLOY, 2, "sandbox",
            StoredCall.DEPLOYED, "deployed", null, null, null);
        status.setRollbackOnly();
      });
      assertThat(firstDeployed(db.jdbc(), "CHG-D")).isEqualTo(T.plusSeconds(60));

      // an earlier call recorded late (a clock behind) is the first: the minimum wins, not the first written
      now.set(T.plusSeconds(45));
      records.insert(order("CHG-D", "late", false), DeploymentRecords.KIND_DEPLOY, 3, "sandbox",
          StoredCall.DEPLOYED, "deployed", null, null, null);
      assertThat(firstDeployed(db.jdbc(), "CHG-D")).isEqualTo(T.plusSeconds(45));
      assertThat(firstDeployed(db.jdbc(), "CHG-D")).isEqualTo(minimumOfTheCalls(db.jdbc(), "CHG-D"));
    }
  }

  private static DeploymentOrder order(String changeId, String key, boolean dryRun) {
    return new DeploymentOrder(changeId, changeId + ":" + key, DeploymentOrder.Kind.DEPLOY, "api", "payments-api",
        "production", "2.0.0", null, dryRun);
  }

  private static void change(JdbcClient jdbc, String id) {
    OffsetDateTime created = T.minusSeconds(86_400).atOffset(ZoneOffset.UTC);
    jdbc.sql("""
            INSERT INTO changegate_change (id, title, service, environment, impact, urgency, regulated,
              security_relevant, emergency, targets, dry_run, requester, status, change_type, created_at, updated_at)
            VALUES (?, ?, 'payments-api', 'production', 'LOW', 'LOW', FALSE, FALSE, FALSE, '[]', FALSE, 'requester',
              'COMPLETED', 'STANDARD', ?, ?)""")
        .params(id, "Change " + id, created, created).update();
  }

  private static void call(JdbcClient jdbc, String changeId, String key, String kind, String result, boolean dryRun,
      Instant at) {
    jdbc.sql("""
            INSERT INTO changegate_deployment (idempotency_key, change_id, target_name, adapter, service, environment,
              version, result, dry_run, deployed_at, kind)
            VALUES (?, ?, 'api', 'sandbox', 'payments-api', 'production', '2.0.0', ?, ?, ?, ?)""")
        .params(changeId + ":" + key, changeId, result, dryRun, at.atOffset(ZoneOffset.UTC), kind).update();
  }

  private static Instant firstDeployed(JdbcClient jdbc, String changeId) {
    return jdbc.sql("SELECT first_deployed_at FROM changegate_change WHERE id = ?").param(changeId)
        .query((rs, n) -> io.changegate.jdbc.Columns.instant(rs, 1)).list().get(0);
  }

  /** What the DORA report computed before V26: the earliest non-dry-run DEPLOY call. */
  private static Instant minimumOfTheCalls(JdbcClient jdbc, String changeId) {
    return jdbc.sql("""
            SELECT MIN(deployed_at) FROM changegate_deployment
            WHERE change_id = ? AND kind = 'DEPLOY' AND dry_run = FALSE""").param(changeId)
        .query((rs, n) -> io.changegate.jdbc.Columns.instant(rs, 1)).list().get(0);
  }
}
