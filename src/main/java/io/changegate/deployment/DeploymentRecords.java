package io.changegate.deployment;

import io.changegate.outbound.CallJournal;
import io.changegate.outbound.CallOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code changegate_deployment}: one row per call to a deployment system, keyed by its idempotency key.
 * {@link #recordIntent} commits on its own before the call, so that a job re-executed after a crash
 * knows a call may already have happened, and what ran before it.
 */
@Repository
public class DeploymentRecords {

  public static final String KIND_DEPLOY = "DEPLOY";
  public static final String KIND_MIGRATION = "MIGRATION";
  public static final String KIND_ROLLBACK = "ROLLBACK";
  public static final String KIND_MIGRATION_ROLLBACK = "MIGRATION_ROLLBACK";

  private static final int MAX_TEXT = 15_000;

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public DeploymentRecords(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public boolean exists(String idempotencyKey) {
    return find(idempotencyKey).isPresent();
  }

  public Optional<StoredCall> find(String idempotencyKey) {
    return jdbc.sql("SELECT * FROM changegate_deployment WHERE idempotency_key = ?")
        .param(idempotencyKey).query(DeploymentRecords::map).optional();
  }

  /**
   * The journal of one call for {@link io.changegate.outbound.IdempotentCalls}: the row of {@code order}'s
   * idempotency key, written for a call of {@code kind} to the target {@code targetIndex} through {@code adapter}.
   */
  public CallJournal<Release, DeploymentOutcome> journal(DeploymentOrder order, String kind, int targetIndex,
      String adapter) {
    return new CallJournal<>() {
      @Override
      public Optional<CallJournal.Entry<Release>> find() {
        return DeploymentRecords.this.find(order.idempotencyKey()).map(call ->
            new CallJournal.Entry<>(call.finished(), StoredCall.REFUSED.equals(call.result()), call.previous()));
      }

      @Override
      public void recordIntent(Release before) {
        DeploymentRecords.this.recordIntent(order, kind, targetIndex, adapter, before);
      }

      @Override
      public void complete(CallOutcome outcome, DeploymentOutcome answer) {
        DeploymentRecords.this.complete(order.idempotencyKey(), StoredCall.resultOf(kind, outcome), answer.detail(),
            answer.externalRef(), answer.output());
      }

      @Override
      public void record(CallOutcome outcome, DeploymentOutcome answer, Release before) {
        insert(order, kind, targetIndex, adapter, StoredCall.resultOf(kind, outcome), answer.detail(), before,
            answer.externalRef(), answer.output());
      }
    };
  }

  /** Writes the row as CALLING and commits at once, before the deployment system is called. */
  public void recordIntent(DeploymentOrder order, String kind, int targetIndex, String adapter, Release previous) {
    ownTransaction.executeWithoutResult(status -> insert(order, kind, targetIndex, adapter, StoredCall.CALLING,
        "calling " + adapter + ": " + order.describe(), previous, null, null));
  }

  /**
   * Inserts a finished call (no call was needed, or it is recorded in the caller's transaction). A non-dry-run
   * {@link #KIND_DEPLOY} call, whatever its result, also keeps the change's {@code first_deployed_at} at the earliest
   * such call, in the same transaction ({@link #recordIntent}'s own): when delivery metrics count the change deployed.
   * Because the intent commits in a transaction of its own, the calling job must not have written the change's row
   * before the call: that row would stay locked by the waiting caller (the deployment tests would then fail on the
   * lock timeout).
   */
  public void insert(DeploymentOrder order, String kind, int targetIndex, String adapter, String result,
      String detail, Release previous, String externalRef, String output) {
    OffsetDateTime now = now();
    jdbc.sql("""
            INSERT INTO changegate_deployment (idempotency_key, change_id, target_name, adapter, service,
              environment, version, digest, result, dry_run, detail, deployed_at, kind, target_index,
              previous_version, previous_digest, previous_ref, external_ref, output, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(order.idempotencyKey(), order.changeId(), order.target(), adapter, order.service(),
            order.environment(), order.version(), order.digest(), result, order.dryRun(), clip(detail, 4000), now,
            kind, targetIndex, previous == null ? null : previous.version(), previous == null ? null : previous.digest(),
            previous == null ? null : previous.reference(), clip(externalRef, 1000), clip(output, MAX_TEXT), now)
        .update();
    if (KIND_DEPLOY.equals(kind) && !order.dryRun()) {
      jdbc.sql("""
              UPDATE changegate_change SET first_deployed_at = ?
              WHERE id = ? AND (first_deployed_at IS NULL OR first_deployed_at > ?)""")
          .params(now, order.changeId(), now)
          .update();
    }
  }

  /** The call returned: its result, what the system said, and its reference for polling. */
  public void complete(String idempotencyKey, String result, String detail, String externalRef, String output) {
    jdbc.sql("""
            UPDATE changegate_deployment SET result = ?, detail = ?, external_ref = ?, output = ?, updated_at = ?
            WHERE idempotency_key = ?""")
        .params(result, clip(detail, 4000), clip(externalRef, 1000), clip(output, MAX_TEXT),
            now(), idempotencyKey)
        .update();
  }

  public void updateRollout(String idempotencyKey, RolloutState state, String detail) {
    jdbc.sql("UPDATE changegate_deployment SET rollout = ?, updated_at = ? WHERE idempotency_key = ?")
        .params(state.name(), now(), idempotencyKey).update();
  }

  /** Every call of the change, in the order they were made. */
  public List<StoredCall> callsOf(String changeId) {
    return jdbc.sql("SELECT * FROM changegate_deployment WHERE change_id = ? ORDER BY deployed_at, target_index, kind")
        .param(changeId).query(DeploymentRecords::map).list();
  }

  /** The calls of the change as {@code GET /api/changes/{id}} shows them. */
  public List<DeploymentRecord> ofChange(String changeId) {
    return callsOf(changeId).stream().map(c -> new DeploymentRecord(c.target(), c.adapter(), c.environment(),
        c.version(), c.digest(), c.result(), c.dryRun(), c.detail(), c.deployedAt(), c.kind(), c.rollout(),
        c.previous() == null ? null : c.previous().version())).toList();
  }

  private static StoredCall map(ResultSet rs, int row) throws SQLException {
    String previousVersion = rs.getString("previous_version");
    String previousDigest = rs.getString("previous_digest");
    String previousRef = rs.getString("previous_ref");
    OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
    return new StoredCall(rs.getString("idempotency_key"), rs.getString("change_id"), rs.getString("kind"),
        rs.getInt("target_index"), rs.getString("target_name"), rs.getString("adapter"), rs.getString("service"),
        rs.getString("environment"), rs.getString("version"), rs.getString("digest"), rs.getString("result"),
        rs.getBoolean("dry_run"), rs.getString("detail"),
        previousVersion == null && previousDigest == null && previousRef == null ? null
            : new Release(previousVersion, previousDigest, previousRef),
        rs.getString("external_ref"), rs.getString("rollout"), rs.getString("output"),
        rs.getObject("deployed_at", OffsetDateTime.class).toInstant(), updated == null ? null : updated.toInstant());
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 20) + "…[truncated]";
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }
}
