-- Bookings of non-production environments and the proposed decommissioning of idle ones (H2 and PostgreSQL).

-- A booking: a team asks for an environment for a time range [starts_at, ends_at), for a release (a free reference)
-- and/or a change, with a criticality that the change backs (EMERGENCY: an emergency change; HIGH: a change its
-- FMEA rated HIGH risk; NORMAL otherwise). State: CONFIRMED (granted), CONTENDED (more bookings overlap than the
-- environment's capacity: its owner group decides, contention_id), DISPLACED (the owner's order put it beyond the
-- capacity), REJECTED (by the owner), CANCELLED. position: its place in the order the owner accepted.
CREATE TABLE changegate_booking (
  id            VARCHAR(40)   NOT NULL PRIMARY KEY,
  environment   VARCHAR(63)   NOT NULL,
  team          VARCHAR(64)   NOT NULL,
  release_ref   VARCHAR(200),
  change_id     VARCHAR(32),
  criticality   VARCHAR(20)   NOT NULL,
  starts_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  ends_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  state         VARCHAR(20)   NOT NULL,
  position      INT,
  contention_id VARCHAR(40),
  requested_by  VARCHAR(100)  NOT NULL,
  requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_by    VARCHAR(100),
  decided_at    TIMESTAMP WITH TIME ZONE,
  reason        VARCHAR(2000),
  CONSTRAINT changegate_booking_range_ck CHECK (ends_at > starts_at),
  CONSTRAINT changegate_booking_state_ck
    CHECK (state IN ('CONFIRMED', 'CONTENDED', 'DISPLACED', 'REJECTED', 'CANCELLED')),
  CONSTRAINT changegate_booking_criticality_ck CHECK (criticality IN ('EMERGENCY', 'HIGH', 'NORMAL'))
);
CREATE INDEX changegate_booking_env_idx ON changegate_booking (environment, starts_at);
CREATE INDEX changegate_booking_contention_idx ON changegate_booking (contention_id);

-- A contention: bookings that overlap beyond the capacity, the order Changegate proposed, the owner group's task
-- (process environment-booking, business key = id) and its decision (APPROVE: the proposed order; REJECT: one
-- booking rejected, the others in the proposed order).
CREATE TABLE changegate_booking_contention (
  id                  VARCHAR(40)   NOT NULL PRIMARY KEY,
  environment         VARCHAR(63)   NOT NULL,
  owner_group         VARCHAR(64)   NOT NULL,
  state               VARCHAR(20)   NOT NULL,
  proposed_order      VARCHAR(4000) NOT NULL,
  process_instance_id VARCHAR(64),
  opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
  decision            VARCHAR(20),
  rejected_booking    VARCHAR(40),
  decided_by          VARCHAR(100),
  decided_at          TIMESTAMP WITH TIME ZONE,
  CONSTRAINT changegate_booking_contention_state_ck CHECK (state IN ('OPEN', 'DECIDED'))
);
CREATE INDEX changegate_booking_contention_env_idx ON changegate_booking_contention (environment, state);

-- A proposed decommissioning: an environment idle since idle_since (its last deployment, or when it was added)
-- for the configured number of days; one per idle period (the primary key), never repeated. Its owner group decides
-- in Tasklist (process environment-decommission, business key = id): DECOMMISSION or KEEP.
CREATE TABLE changegate_decommission_proposal (
  id                  VARCHAR(40)   NOT NULL,
  environment         VARCHAR(63)   NOT NULL,
  idle_since          TIMESTAMP WITH TIME ZONE NOT NULL,
  idle_days           INT           NOT NULL,
  owner_group         VARCHAR(64)   NOT NULL,
  state               VARCHAR(20)   NOT NULL,
  process_instance_id VARCHAR(64),
  proposed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  decided_by          VARCHAR(100),
  decided_at          TIMESTAMP WITH TIME ZONE,
  decision_comment    VARCHAR(2000),
  CONSTRAINT changegate_decommission_pk PRIMARY KEY (environment, idle_since),
  CONSTRAINT changegate_decommission_id_uq UNIQUE (id),
  CONSTRAINT changegate_decommission_state_ck CHECK (state IN ('PROPOSED', 'DECOMMISSION', 'KEEP'))
);
