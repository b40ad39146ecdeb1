-- Rollback rehearsals: a change of a non-production environment (staging) deployed, validated and then rolled back
-- on purpose, to measure the time to restore and check the data's consistency before a HIGH-risk production change
-- of the same digest is signed off. Written by the rollback capability; the promotion query (deployment) reads it:
-- a staging change rolled back by a PASSED rehearsal still qualifies its digest for promotion.
CREATE TABLE changegate_rollback_rehearsal (
  change_id               VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES changegate_change (id),
  service                 VARCHAR(63)   NOT NULL,
  environment             VARCHAR(63)   NOT NULL,
  artifact_digest         VARCHAR(71)   NOT NULL,
  requested_by            VARCHAR(100)  NOT NULL,
  requested_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  reason                  VARCHAR(2000),
  -- REQUESTED, PASSED (restored, consistency checked), FAILED (not restored, or consistency not verified)
  outcome                 VARCHAR(16)   NOT NULL,
  time_to_restore_seconds DECIMAL(12, 3),
  consistency_passed      BOOLEAN,
  consistency             VARCHAR(4000),
  finished_at             TIMESTAMP WITH TIME ZONE
);
CREATE INDEX changegate_rollback_rehearsal_digest_idx
  ON changegate_rollback_rehearsal (service, environment, artifact_digest);
