-- Emergency changes: what only they carry. Kept beside changegate_change so that the emergency share
-- and the abuse count (a PIR that says "should have been a normal change") are one indexed query.
CREATE TABLE changegate_emergency (
  change_id          VARCHAR(32)  NOT NULL PRIMARY KEY,
  initiator          VARCHAR(100) NOT NULL,
  incident_reference VARCHAR(100),
  started_from       VARCHAR(20)  NOT NULL,
  blackout_override  VARCHAR(2000),
  pir_verdict        VARCHAR(30),
  pir_reviewer       VARCHAR(100),
  pir_comment        VARCHAR(4000),
  pir_at             TIMESTAMP WITH TIME ZONE,
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX changegate_emergency_created_idx ON changegate_emergency (created_at);
CREATE INDEX changegate_change_created_idx ON changegate_change (created_at);
