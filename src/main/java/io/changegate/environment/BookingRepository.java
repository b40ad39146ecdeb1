package io.changegate.environment;

import io.changegate.jdbc.Columns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bookings ({@code changegate_booking}), their contentions and the decommission proposals (V20). */
@Repository
class BookingRepository {

  /** What a decision keeps of its comment: a rejected booking's reason, a decommission decision's comment. */
  static final int MAX_DECISION_TEXT = 2000;

  /** A contention as stored. */
  record Contention(String id, String environment, String ownerGroup, String state, String proposedOrder,
      String processInstanceId) {}

  /** A decommission proposal as stored. */
  record Proposal(String id, String environment, Instant idleSince, int idleDays, String ownerGroup, String state,
      String processInstanceId, Instant proposedAt, String decidedBy, Instant decidedAt) {}

  private final JdbcClient jdbc;

  BookingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Booking b) {
    jdbc.sql("""
            INSERT INTO changegate_booking (id, environment, team, release_ref, change_id, criticality, starts_at,
              ends_at, state, position, contention_id, requested_by, requested_at, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(b.id(), b.environment(), b.team(), b.release(), b.changeId(), b.criticality().name(), utc(b.start()),
            utc(b.end()), b.state().name(), b.position(), b.contentionId(), b.requestedBy(), utc(b.requestedAt()),
            b.reason())
        .update();
  }

  Optional<Booking> find(String environment, String id) {
    return jdbc.sql("SELECT * FROM changegate_booking WHERE environment = ? AND id = ?").params(environment, id)
        .query(BookingRepository::map).optional();
  }

  /** The environment's bookings that end after {@code after}, in order of their start. */
  List<Booking> of(String environment, Instant after) {
    return jdbc.sql("SELECT * FROM changegate_booking WHERE environment = ? AND ends_at > ? ORDER BY starts_at, id")
        .params(environment, utc(after)).query(BookingRepository::map).list();
  }

  /** Confirmed or contended bookings of the environment that overlap [from, to). */
  List<Booking> activeOverlapping(String environment, Instant from, Instant to) {
    return jdbc.sql("""
            SELECT * FROM changegate_booking
            WHERE environment = ? AND state IN ('CONFIRMED', 'CONTENDED') AND starts_at < ? AND ends_at > ?
            ORDER BY starts_at, id""")
        .params(environment, utc(to), utc(from)).query(BookingRepository::map).list();
  }

  List<Booking> ofContention(String contentionId) {
    return jdbc.sql("SELECT * FROM changegate_booking WHERE contention_id = ? ORDER BY requested_at, id")
        .param(contentionId).query(BookingRepository::map).list();
  }

  /** Bookings of the environment active at {@code at}, and those starting later (confirmed or contended). */
  long activeAt(String environment, Instant at) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM changegate_booking
            WHERE environment = ? AND state IN ('CONFIRMED', 'CONTENDED') AND starts_at <= ? AND ends_at > ?""")
        .params(environment, utc(at), utc(at)).query(Long.class).single();
  }

  long upcoming(String environment, Instant after) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM changegate_booking
            WHERE environment = ? AND state IN ('CONFIRMED', 'CONTENDED') AND starts_at > ?""")
        .params(environment, utc(after)).query(Long.class).single();
  }

  /** When the environment was last booked (the end of its latest confirmed booking that has begun), if ever. */
  Optional<Instant> lastBookedUntil(String environment, Instant now) {
    return jdbc.sql("""
            SELECT MAX(ends_at) FROM changegate_booking
            WHERE environment = ? AND state = 'CONFIRMED' AND starts_at <= ?""")
        .params(environment, utc(now)).query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional()
        .filter(java.util.Objects::nonNull).map(OffsetDateTime::toInstant);
  }

  void setState(String id, BookingState state, Integer position, String contentionId, String decidedBy,
      Instant decidedAt, String reason) {
    jdbc.sql("""
            UPDATE changegate_booking SET state = ?, position = ?, contention_id = ?, decided_by = ?, decided_at = ?,
              reason = ?
            WHERE id = ?""")
        .params(state.name(), position, contentionId, decidedBy, decidedAt == null ? null : utc(decidedAt), reason, id)
        .update();
  }

  void insertContention(Contention c, Instant openedAt) {
    jdbc.sql("""
            INSERT INTO changegate_booking_contention (id, environment, owner_group, state, proposed_order, opened_at)
            VALUES (?, ?, ?, 'OPEN', ?, ?)""")
        .params(c.id(), c.environment(), c.ownerGroup(), c.proposedOrder(), utc(openedAt)).update();
  }

  void attachContentionProcess(String id, String processInstanceId) {
    jdbc.sql("UPDATE changegate_booking_contention SET process_instance_id = ? WHERE id = ?")
        .params(processInstanceId, id).update();
  }

  void setProposedOrder(String id, String proposedOrder) {
    jdbc.sql("UPDATE changegate_booking_contention SET proposed_order = ? WHERE id = ?").params(proposedOrder, id)
        .update();
  }

  Optional<Contention> contention(String id) {
    return jdbc.sql("SELECT * FROM changegate_booking_contention WHERE id = ?").param(id)
        .query((rs, n) -> new Contention(rs.getString("id"), rs.getString("environment"),
            rs.getString("owner_group"), rs.getString("state"), rs.getString("proposed_order"),
            rs.getString("process_instance_id")))
        .optional();
  }

  void decideContention(String id, String decision, String rejectedBooking, String decidedBy, Instant decidedAt) {
    jdbc.sql("""
            UPDATE changegate_booking_contention SET state = 'DECIDED', decision = ?, rejected_booking = ?,
              decided_by = ?, decided_at = ?
            WHERE id = ?""")
        .params(decision, rejectedBooking, decidedBy, utc(decidedAt), id).update();
  }

  long openContentions(String environment) {
    return jdbc.sql("SELECT COUNT(*) FROM changegate_booking_contention WHERE environment = ? AND state = 'OPEN'")
        .param(environment).query(Long.class).single();
  }

  /** Inserts the proposal unless one exists for this environment and idle period; true when inserted. */
  boolean insertProposal(Proposal p) {
    return jdbc.sql("""
            INSERT INTO changegate_decommission_proposal (id, environment, idle_since, idle_days, owner_group, state,
              proposed_at)
            SELECT ?, ?, ?, ?, ?, 'PROPOSED', ? FROM changegate_environment
            WHERE name = ? AND NOT EXISTS (SELECT 1 FROM changegate_decommission_proposal
              WHERE environment = ? AND idle_since = ?)""")
        .params(p.id(), p.environment(), utc(p.idleSince()), p.idleDays(), p.ownerGroup(), utc(p.proposedAt()),
            p.environment(), p.environment(), utc(p.idleSince()))
        .update() == 1;
  }

  void attachProposalProcess(String id, String processInstanceId) {
    jdbc.sql("UPDATE changegate_decommission_proposal SET process_instance_id = ? WHERE id = ?")
        .params(processInstanceId, id).update();
  }

  Optional<Proposal> proposal(String id) {
    return jdbc.sql("SELECT * FROM changegate_decommission_proposal WHERE id = ?").param(id)
        .query(BookingRepository::mapProposal).optional();
  }

  List<Proposal> proposals(String environment) {
    return jdbc.sql("SELECT * FROM changegate_decommission_proposal WHERE environment = ? ORDER BY proposed_at")
        .param(environment).query(BookingRepository::mapProposal).list();
  }

  void decideProposal(String id, String state, String decidedBy, Instant decidedAt, String comment) {
    jdbc.sql("""
            UPDATE changegate_decommission_proposal SET state = ?, decided_by = ?, decided_at = ?, decision_comment = ?
            WHERE id = ?""")
        .params(state, decidedBy, utc(decidedAt), comment, id).update();
  }

  private static Proposal mapProposal(ResultSet rs, int row) throws SQLException {
    return new Proposal(rs.getString("id"), rs.getString("environment"), Columns.instant(rs, "idle_since"),
        rs.getInt("idle_days"), rs.getString("owner_group"), rs.getString("state"),
        rs.getString("process_instance_id"), Columns.instant(rs, "proposed_at"), rs.getString("decided_by"),
        Columns.instant(rs, "decided_at"));
  }

  private static Booking map(ResultSet rs, int row) throws SQLException {
    int position = rs.getInt("position");
    Integer place = rs.wasNull() ? null : position;
    return new Booking(rs.getString("id"), rs.getString("environment"), rs.getString("team"),
        rs.getString("release_ref"), rs.getString("change_id"), Criticality.valueOf(rs.getString("criticality")),
        Columns.instant(rs, "starts_at"), Columns.instant(rs, "ends_at"), BookingState.valueOf(rs.getString("state")), place,
        rs.getString("contention_id"), rs.getString("requested_by"), Columns.instant(rs, "requested_at"),
        rs.getString("decided_by"), Columns.instant(rs, "decided_at"), rs.getString("reason"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
