-- Changegate's own tables (H2 and PostgreSQL). The Camunda engine manages its ACT_* tables itself;
-- both share one DataSource and one transaction manager, so a change row and its process state
-- commit or roll back together.

CREATE SEQUENCE changegate_change_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE changegate_change (
  id                      VARCHAR(32)  NOT NULL PRIMARY KEY,
  title                   VARCHAR(200) NOT NULL,
  description             VARCHAR(4000),
  service                 VARCHAR(63)  NOT NULL,
  environment             VARCHAR(63)  NOT NULL,
  artifact_name           VARCHAR(200),
  artifact_version        VARCHAR(100),
  artifact_digest         VARCHAR(71),
  impact                  VARCHAR(10)  NOT NULL,
  urgency                 VARCHAR(10)  NOT NULL,
  regulated               BOOLEAN      NOT NULL,
  security_relevant       BOOLEAN      NOT NULL,
  standard_template       VARCHAR(100),
  emergency               BOOLEAN      NOT NULL,
  emergency_justification VARCHAR(2000),
  planned_start           TIMESTAMP WITH TIME ZONE,
  planned_end             TIMESTAMP WITH TIME ZONE,
  targets                 VARCHAR(8000) NOT NULL,
  rollback_plan           VARCHAR(8000),
  validation_spec         VARCHAR(8000),
  dry_run                 BOOLEAN      NOT NULL,
  requester               VARCHAR(100) NOT NULL,
  status                  VARCHAR(20)  NOT NULL,
  change_type             VARCHAR(20),
  classification_reason   VARCHAR(1000),
  risk_level              VARCHAR(10),
  created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX changegate_change_status_idx ON changegate_change (status);
CREATE INDEX changegate_change_service_env_idx ON changegate_change (service, environment);

-- Append-only audit trail: every entry carries the SHA-256 of the previous one. The single head row
-- is locked by each appending transaction, so concurrent writers queue instead of forking the chain.
CREATE TABLE changegate_audit (
  seq         BIGINT       NOT NULL PRIMARY KEY,
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
  actor       VARCHAR(100) NOT NULL,
  action      VARCHAR(60)  NOT NULL,
  change_id   VARCHAR(32),
  details     VARCHAR(16000) NOT NULL,
  prev_hash   CHAR(64)     NOT NULL,
  hash        CHAR(64)     NOT NULL
);
CREATE INDEX changegate_audit_change_idx ON changegate_audit (change_id, seq);

CREATE TABLE changegate_audit_head (
  id        INT      NOT NULL PRIMARY KEY,
  last_seq  BIGINT   NOT NULL,
  last_hash CHAR(64) NOT NULL
);
INSERT INTO changegate_audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per target deployment of a change; the idempotency key makes a retried job a no-op.
CREATE TABLE changegate_deployment (
  idempotency_key VARCHAR(300) NOT NULL PRIMARY KEY,
  change_id       VARCHAR(32)  NOT NULL,
  target_name     VARCHAR(100) NOT NULL,
  adapter         VARCHAR(30)  NOT NULL,
  service         VARCHAR(63)  NOT NULL,
  environment     VARCHAR(63)  NOT NULL,
  version         VARCHAR(100),
  digest          VARCHAR(71),
  result          VARCHAR(20)  NOT NULL,
  dry_run         BOOLEAN      NOT NULL,
  detail          VARCHAR(4000),
  deployed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX changegate_deployment_change_idx ON changegate_deployment (change_id);

-- The sandbox adapter's world: which version runs where (demo default, also used in tests).
CREATE TABLE changegate_sandbox_release (
  target_name VARCHAR(100) NOT NULL,
  environment VARCHAR(63)  NOT NULL,
  version     VARCHAR(100),
  digest      VARCHAR(71),
  change_id   VARCHAR(32)  NOT NULL,
  deployed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (target_name, environment)
);
