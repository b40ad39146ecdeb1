package io.changegate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one refused request could have written: a change, audit entries and process instances. Taken before the
 * request and checked after it.
 *
 * <p>The tests share one application, so the jobs of earlier tests' changes, and scheduled checks, go on writing
 * audit entries and starting call activities meanwhile. Global counts were therefore flaky (a CI run saw two
 * process instances more). The checks here count only what the request itself could have produced: a change that
 * did not exist before; an audit entry by the requesting user or about such a new change; a process instance
 * started by that user or carrying such a new change as its business key.
 */
public final class Footprint {

  private final JdbcClient jdbc;
  private final HistoryService history;
  private final String user;
  private final Set<String> changes;
  private final long auditSeq;
  private final Set<String> instances;

  private Footprint(JdbcClient jdbc, HistoryService history, String user) {
    this.jdbc = jdbc;
    this.history = history;
    this.user = user;
    this.changes = new HashSet<>(changeIds(jdbc));
    this.auditSeq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM changegate_audit").query(Long.class).single();
    this.instances = new HashSet<>();
    history.createHistoricProcessInstanceQuery().list().forEach(i -> instances.add(i.getId()));
  }

  /** Reads what is there before {@code user} makes a request. */
  public static Footprint before(JdbcClient jdbc, HistoryService history, String user) {
    return new Footprint(jdbc, history, user);
  }

  /** Asserts that the request stored no change, wrote no audit entry and started no process instance. */
  public void assertNothingWritten() {
    List<String> newChanges = changeIds(jdbc).stream().filter(id -> !changes.contains(id)).toList();
    assertThat(newChanges).as("changes stored by the refused request").isEmpty();

    List<String> entries = jdbc.sql("SELECT seq, actor, action, change_id FROM changegate_audit WHERE seq > ?")
        .param(auditSeq)
        .query((rs, n) -> new String[] {rs.getString("seq"), rs.getString("actor"), rs.getString("action"),
            rs.getString("change_id")})
        .list().stream()
        .filter(e -> user.equals(e[1]) || (e[3] != null && !changes.contains(e[3])))
        .map(e -> String.join(" ", e[0], e[1], e[2], String.valueOf(e[3])))
        .toList();
    assertThat(entries).as("audit entries written by %s or about a new change", user).isEmpty();

    List<String> started = history.createHistoricProcessInstanceQuery().list().stream()
        .filter(i -> !instances.contains(i.getId()))
        .filter(i -> user.equals(i.getStartUserId())
            || (i.getBusinessKey() != null && i.getBusinessKey().startsWith("CHG-")
                && !changes.contains(i.getBusinessKey())))
        .map(i -> i.getProcessDefinitionKey() + " " + i.getBusinessKey() + " by " + i.getStartUserId())
        .toList();
    assertThat(started).as("process instances started by %s or for a new change", user).isEmpty();
  }

  private static List<String> changeIds(JdbcClient jdbc) {
    return jdbc.sql("SELECT id FROM changegate_change").query(String.class).list();
  }
}
