package io.changegate.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.changegate.support.Await;
import io.changegate.support.ChangegateIntegrationTest;
import io.changegate.support.Changes;
import io.changegate.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine stamps history rows with start + time to live ({@code historyRemovalTimeStrategy: start}); the keeper
 * clears the removal time of a change that still runs when it comes close, and gives a change that ran longer than a
 * day end + time to live — on every history row of its hierarchy (its called processes, its decisions). Changes are
 * submitted with the engine's clock set back, as if they had been requested long ago.
 */
@ChangegateIntegrationTest
class HistoryKeeperTest {

  /** The time to live of the change processes (application.yaml's historyTimeToLive). */
  private static final Duration TIME_TO_LIVE = Duration.ofDays(180);
  /** The history tables the keeper's batches set a removal time on, and the engine's cleanup deletes by it. */
  private static final List<String> TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_VARINST",
      "ACT_HI_DETAIL", "ACT_HI_DECINST", "ACT_HI_DEC_IN", "ACT_HI_JOB_LOG");

  @LocalServerPort int port;
  @Autowired HistoryKeeper keeper;
  @Autowired HistoryService history;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void realClock() {
    ClockUtil.reset();
  }

  @Test
  void aRunningChangeWhoseHistoryWouldSoonBeRemovedIsKeptAndSoIsWhatItWritesAfterwards() {
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(175))));
    String changeId = submit(Changes.normal("Kept while it runs"));
    ClockUtil.reset();
    String root = root(changeId);
    // until it waits for people: its own jobs would write the same history rows as the keeper's batch (and on H2
    // one of the two would fail and be retried later)
    awaitNoJobsDue(changeId);
    assertThat(removalTime(root)).as("start + 180 days: 5 days from now")
        .isBetween(Instant.now().plus(Duration.ofDays(4)), Instant.now().plus(Duration.ofDays(6)));

    HistoryKeeper.Kept kept = keeper.keep();

    assertThat(kept.cleared()).contains(root);
    awaitNoRows(root, "REMOVAL_TIME_ IS NOT NULL");
    assertThat(rows(root, "REMOVAL_TIME_ IS NULL")).as("history rows of the running change, none with a removal time").isPositive();
    // the engine copies the top-level instance's removal time onto what the change writes from now on: none
    runtime.setVariable(root, "historyKeeperProbe", "written after the keeper");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE ROOT_PROC_INST_ID_ = ? AND NAME_ = ?"
            + " AND REMOVAL_TIME_ IS NULL").params(root, "historyKeeperProbe").query(Long.class).single())
        .isEqualTo(1);
    assertThat(keeper.keep().cleared()).as("nothing left to clear").doesNotContain(root);
  }

  @Test
  void aChangeThatRanLongerThanADayIsKeptForItsTimeToLiveAfterItsEndAndAQuickOneKeepsItsStartsRemovalTime() {
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(3))));
    String longOne = submit(Changes.standard("Requested three days ago"));
    ClockUtil.reset();
    String quickOne = submit(Changes.standard("Requested now"));
    awaitCompleted(longOne);
    awaitCompleted(quickOne);
    String longRoot = root(longOne);
    String quickRoot = root(quickOne);
    Instant quickRemoval = removalTime(quickRoot);
    HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery().processInstanceId(longRoot)
        .singleResult();
    Instant endPlusTimeToLive = ended.getEndTime().toInstant().plus(TIME_TO_LIVE);
    assertThat(removalTime(longRoot)).as("start + 180 days, three days before end + 180 days")
        .isBefore(endPlusTimeToLive.minus(Duration.ofDays(2)));

    HistoryKeeper.Kept kept = keeper.keep();

    assertThat(kept.extended()).containsKey(longRoot).doesNotContainKey(quickRoot);
    Instant extended = kept.extended().get(longRoot);
    assertThat(extended).isAfterOrEqualTo(endPlusTimeToLive).isBefore(endPlusTimeToLive.plus(Duration.ofDays(1)));
    awaitNoRows(longRoot, "REMOVAL_TIME_ IS NULL OR REMOVAL_TIME_ <> ?", extended);
    assertThat(rows(longRoot, "REMOVAL_TIME_ = ?", extended)).as("every history row of the change, its called processes and"
        + " decisions").isGreaterThan(20);
    assertThat(history.createHistoricProcessInstanceQuery().rootProcessInstanceId(longRoot).count())
        .as("change-request, standard-change, deployment").isEqualTo(3);
    assertThat(removalTime(quickRoot)).as("a change of seconds keeps start + 180 days").isEqualTo(quickRemoval);
    assertThat(keeper.keep().extended()).as("done once").doesNotContainKey(longRoot);
  }

  private String submit(java.util.Map<String, Object> change) {
    return Http.as(port, "requester").post("/api/changes", change).json().path("id").asText();
  }

  private void awaitCompleted(String changeId) {
    Await.until(Duration.ofSeconds(60), () -> Http.as(port, "auditor").get("/api/changes/" + changeId).json(),
        c -> c.path("status").asText().matches("COMPLETED|FAILED"), changeId + " to finish");
  }

  private String root(String changeId) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(changeId)
        .processDefinitionKey("change-request").singleResult().getId();
  }

  private Instant removalTime(String root) {
    Date removal = history.createHistoricProcessInstanceQuery().processInstanceId(root).singleResult()
        .getRemovalTime();
    return removal == null ? null : removal.toInstant();
  }

  /** History rows of the hierarchy, over {@link #TABLES}, whose removal time meets {@code condition}. */
  private long rows(String root, String condition, Instant... parameters) {
    long count = 0;
    for (String table : TABLES) {
      var statement = jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE ROOT_PROC_INST_ID_ = ? AND (" + condition
          + ")").param(root);
      for (Instant parameter : parameters) {
        statement = statement.param(Date.from(parameter));
      }
      count += statement.query(Long.class).single();
    }
    return count;
  }

  /**
   * Until no row of the hierarchy meets {@code condition}: the keeper's batches are run here as well as by the job
   * executor, which in the shared test context may be busy with other tests' jobs (whichever runs a job first, the
   * other finds it gone or locked).
   */
  private void awaitNoRows(String root, String condition, Instant... parameters) {
    Await.until(Duration.ofSeconds(120), () -> {
      runRemovalTimeBatches();
      return rows(root, condition, parameters);
    }, n -> n == 0, "the keeper's batch to set the removal time of " + root);
  }

  private void runRemovalTimeBatches() {
    for (Batch batch : management.createBatchQuery().type(Batch.TYPE_PROCESS_SET_REMOVAL_TIME).list()) {
      for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId())) {
        for (Job job : management.createJobQuery().jobDefinitionId(definition).executable().list()) {
          try {
            management.executeJob(job.getId());
          } catch (RuntimeException takenByTheJobExecutor) {
            // run (or being run) by the job executor meanwhile: gone, locked, or its configuration already deleted
            // (the engine then fails with a NullPointerException); the rows tell whether the batch did its work
          }
        }
      }
    }
  }

  private void awaitNoJobsDue(String changeId) {
    Await.until(Duration.ofSeconds(60), () -> runtime.createProcessInstanceQuery()
            .processInstanceBusinessKey(changeId).list().stream()
            .mapToLong(instance -> management.createJobQuery().processInstanceId(instance.getId()).executable().count())
            .sum(), due -> due == 0, changeId + " to wait for people");
  }
}
