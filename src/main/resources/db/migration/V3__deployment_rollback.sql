-- Deployment orchestration and rollback (H2 and PostgreSQL).

-- Every call to a deployment system is one row of changegate_deployment, keyed by its idempotency key:
-- deploys and database migrations of targets, and their rollbacks. A row is first written as CALLING in a
-- transaction of its own, before the call; a job re-executed after a crash finds it and asks the target
-- what it runs instead of calling twice. The previous release is kept for the rollback.
ALTER TABLE changegate_deployment ADD COLUMN kind VARCHAR(20) DEFAULT 'DEPLOY' NOT NULL;
ALTER TABLE changegate_deployment ADD COLUMN target_index INT DEFAULT 0 NOT NULL;
ALTER TABLE changegate_deployment ADD COLUMN previous_version VARCHAR(100);
ALTER TABLE changegate_deployment ADD COLUMN previous_digest VARCHAR(71);
ALTER TABLE changegate_deployment ADD COLUMN previous_ref VARCHAR(200);
ALTER TABLE changegate_deployment ADD COLUMN external_ref VARCHAR(1000);
ALTER TABLE changegate_deployment ADD COLUMN rollout VARCHAR(20);
ALTER TABLE changegate_deployment ADD COLUMN output VARCHAR(16000);
ALTER TABLE changegate_deployment ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

-- At most N deployments at once per environment: a change holds one numbered slot; the primary key makes
-- the limit hold under concurrent transactions. Changes that wait are queued (oldest first).
CREATE TABLE changegate_environment_slot (
  environment VARCHAR(63) NOT NULL,
  slot_no     INT         NOT NULL,
  change_id   VARCHAR(32) NOT NULL,
  acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (environment, slot_no),
  CONSTRAINT changegate_environment_slot_change_uq UNIQUE (change_id)
);

-- One row per environment, locked (SELECT … FOR UPDATE) by every reservation and release in it: a change that
-- decides to wait and a change that frees a slot cannot miss each other (no lost wake-up).
CREATE TABLE changegate_environment_lock (
  environment VARCHAR(63) NOT NULL PRIMARY KEY
);

-- One change at a time per target and environment: a change holding a slot locks its targets, so two
-- changes never roll out the same target at once (the second waits in the queue).
CREATE TABLE changegate_target_lock (
  environment VARCHAR(63)  NOT NULL,
  target_name VARCHAR(100) NOT NULL,
  change_id   VARCHAR(32)  NOT NULL,
  PRIMARY KEY (environment, target_name)
);
CREATE INDEX changegate_target_lock_change_idx ON changegate_target_lock (change_id);

CREATE TABLE changegate_environment_queue (
  change_id     VARCHAR(32) NOT NULL PRIMARY KEY,
  environment   VARCHAR(63) NOT NULL,
  waiting_since TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX changegate_environment_queue_env_idx ON changegate_environment_queue (environment, waiting_since);

-- Forensic evidence preserved before a rollback: one row per item, never updated, each with its SHA-256.
CREATE TABLE changegate_evidence (
  bundle_id    VARCHAR(64)   NOT NULL,
  item_no      INT           NOT NULL,
  change_id    VARCHAR(32)   NOT NULL,
  name         VARCHAR(200)  NOT NULL,
  media_type   VARCHAR(100)  NOT NULL,
  content      VARCHAR(1000000) NOT NULL,
  sha256       CHAR(64)      NOT NULL,
  collected_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (bundle_id, item_no)
);
CREATE INDEX changegate_evidence_change_idx ON changegate_evidence (change_id);

-- Incidents opened in the ITSM tool for a change: the link stored on the change.
CREATE TABLE changegate_incident (
  idempotency_key VARCHAR(100)  NOT NULL PRIMARY KEY,
  change_id       VARCHAR(32)   NOT NULL,
  kind            VARCHAR(30)   NOT NULL,
  system          VARCHAR(30)   NOT NULL,
  reference       VARCHAR(200)  NOT NULL,
  url             VARCHAR(1000),
  summary         VARCHAR(2000) NOT NULL,
  opened_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX changegate_incident_change_idx ON changegate_incident (change_id);
