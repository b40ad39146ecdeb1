-- Incidents and problems both ways (package io.changegate.itsm). An incident of the ITSM tool linked to a change by a
-- person is a row of changegate_incident (kind LINKED, opened_at = when the ITSM tool says it was opened) beside the
-- incidents Changegate opened itself; who linked it is recorded here.
ALTER TABLE changegate_incident ADD COLUMN linked_by VARCHAR(100);
CREATE INDEX changegate_incident_reference_idx ON changegate_incident (system, reference);

-- A problem record: the root cause behind several incidents, linked to the changes that caused them. Its reference in
-- the ITSM tool is optional (a problem known only to Changegate has none).
CREATE SEQUENCE changegate_problem_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE changegate_problem (
  id          VARCHAR(32)   NOT NULL PRIMARY KEY,
  title       VARCHAR(500)  NOT NULL,
  system      VARCHAR(30)   NOT NULL,
  reference   VARCHAR(200),
  url         VARCHAR(1000),
  created_by  VARCHAR(100)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE changegate_problem_incident (
  problem_id  VARCHAR(32)   NOT NULL REFERENCES changegate_problem (id),
  system      VARCHAR(30)   NOT NULL,
  reference   VARCHAR(200)  NOT NULL,
  url         VARCHAR(1000),
  title       VARCHAR(2000) NOT NULL,
  opened_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (problem_id, reference)
);

CREATE TABLE changegate_problem_change (
  problem_id  VARCHAR(32)   NOT NULL REFERENCES changegate_problem (id),
  change_id   VARCHAR(32)   NOT NULL REFERENCES changegate_change (id),
  linked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (problem_id, change_id)
);
CREATE INDEX changegate_problem_change_change_idx ON changegate_problem_change (change_id);

-- The 72-hour feedback of a completed change (package io.changegate.feedback): the survey (OPEN until answered or
-- expired) and the usage figure measured over the window by the service's PromQL query.
CREATE TABLE changegate_feedback (
  change_id          VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES changegate_change (id),
  status             VARCHAR(20)   NOT NULL,
  started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  due_at             TIMESTAMP WITH TIME ZONE NOT NULL,
  answered_by        VARCHAR(100),
  answered_at        TIMESTAMP WITH TIME ZONE,
  rating             INTEGER,
  comment            VARCHAR(4000),
  expired_at         TIMESTAMP WITH TIME ZONE,
  usage_query        VARCHAR(2000),
  usage_value        DOUBLE PRECISION,
  usage_detail       VARCHAR(2000),
  usage_measured_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX changegate_feedback_status_idx ON changegate_feedback (status, due_at);
