-- Infrastructure plans, drift and release policies (H2 and PostgreSQL).

-- The infrastructure plan a change carries (terraform show -json, or helm diff), attached before its approval:
-- its SHA-256 over the text as sent, the text itself, and its summary (JSON: creates, updates, deletes, replaces,
-- destroyed addresses). The SHA-256 approvers saw is also in the audit chain (INFRASTRUCTURE_PLAN_ATTACHED); the
-- deployment compares the stored plan with it again before anything is deployed.
CREATE TABLE changegate_infrastructure_plan (
  change_id   VARCHAR(32)      NOT NULL PRIMARY KEY,
  format      VARCHAR(20)      NOT NULL,
  sha256      CHAR(64)         NOT NULL,
  content     VARCHAR(1000000) NOT NULL,
  summary     VARCHAR(16000)   NOT NULL,
  attached_by VARCHAR(100)     NOT NULL,
  attached_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Drift: a target runs something other than what Changegate last deployed there (an unauthorized change). One row
-- per distinct finding (the fingerprint: environment, target, what runs), with the evidence the adapter gave, the
-- owner group told and the incident opened.
CREATE TABLE changegate_drift (
  id                 VARCHAR(40)   NOT NULL PRIMARY KEY,
  fingerprint        VARCHAR(400)  NOT NULL,
  environment        VARCHAR(63)   NOT NULL,
  target_name        VARCHAR(100)  NOT NULL,
  adapter            VARCHAR(30)   NOT NULL,
  expected_change    VARCHAR(32)   NOT NULL,
  expected_version   VARCHAR(100),
  expected_digest    VARCHAR(71),
  actual_version     VARCHAR(100),
  actual_digest      VARCHAR(71),
  evidence           VARCHAR(16000) NOT NULL,
  owner_group        VARCHAR(64),
  incident_reference VARCHAR(200),
  detected_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT changegate_drift_fingerprint_uq UNIQUE (fingerprint)
);
CREATE INDEX changegate_drift_env_idx ON changegate_drift (environment, detected_at);

-- Release policy per service: continuous, or a weekly or monthly train (day, local time window, time zone) that
-- changes of the listed risk classes (comma-separated LOW, MEDIUM, HIGH) must ride; the calendar check enforces it.
CREATE TABLE changegate_release_policy (
  service      VARCHAR(63)  NOT NULL PRIMARY KEY,
  cadence      VARCHAR(20)  NOT NULL,
  day_of_week  VARCHAR(10),
  day_of_month INT,
  window_from  VARCHAR(5),
  window_to    VARCHAR(5),
  time_zone    VARCHAR(64),
  risk_classes VARCHAR(30)  NOT NULL,
  updated_by   VARCHAR(100) NOT NULL,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
