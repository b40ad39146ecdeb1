-- The change calendar (H2 and PostgreSQL): blackout (freeze) and maintenance windows, the services a
-- service depends on, and the indexes the conflict check reads through.

CREATE SEQUENCE changegate_window_seq START WITH 1 INCREMENT BY 1;

-- One row per window. start_local/end_local are the wall-clock bounds of the first occurrence in
-- time_zone (an IANA id); recurrence (an RRULE) repeats it. first_start/last_end are the instants the
-- window can touch at all (last_end = 9999-12-31 for a rule without COUNT or UNTIL), so a conflict check
-- reads only the windows of one scope that can overlap its slot. Scope '*' means every service or every
-- environment.
CREATE TABLE changegate_calendar_window (
  id                VARCHAR(32)   NOT NULL PRIMARY KEY,
  kind              VARCHAR(12)   NOT NULL,
  title             VARCHAR(200)  NOT NULL,
  reason            VARCHAR(2000) NOT NULL,
  start_local       TIMESTAMP     NOT NULL,
  end_local         TIMESTAMP     NOT NULL,
  time_zone         VARCHAR(64)   NOT NULL,
  recurrence        VARCHAR(500),
  service_scope     VARCHAR(63)   NOT NULL,
  environment_scope VARCHAR(63)   NOT NULL,
  first_start       TIMESTAMP WITH TIME ZONE NOT NULL,
  last_end          TIMESTAMP WITH TIME ZONE NOT NULL,
  created_by        VARCHAR(100)  NOT NULL,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX changegate_window_scope_idx
  ON changegate_calendar_window (kind, service_scope, environment_scope, last_end, first_start);
CREATE INDEX changegate_window_span_idx ON changegate_calendar_window (last_end, first_start);

-- Third-party (or internal) services a service depends on: their maintenance windows are blackouts for it.
CREATE TABLE changegate_service_dependency (
  service    VARCHAR(63) NOT NULL,
  depends_on VARCHAR(63) NOT NULL,
  PRIMARY KEY (service, depends_on)
);

-- Changes planned on the same service and environment (overlap check), and changes in a date range (feeds).
CREATE INDEX changegate_change_slot_idx ON changegate_change (service, environment, planned_start);
CREATE INDEX changegate_change_planned_idx ON changegate_change (planned_start);
