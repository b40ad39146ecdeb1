-- Governed process models (package io.changegate.governance).
--
-- A deployment by a process owner is a proposal: the engine stores it under proposal keys (so "latest" of the
-- real keys stays the approved version) and Changegate keeps the original files here, with their SHA-256, until
-- a second process owner and security approve it; then the original content is deployed under the real keys.
CREATE SEQUENCE changegate_model_change_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE changegate_model_change (
  id                       VARCHAR(32)   NOT NULL PRIMARY KEY,
  deployment_id            VARCHAR(64)   NOT NULL,
  deployment_name          VARCHAR(255),
  deployed_by              VARCHAR(100)  NOT NULL,
  deployed_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  process_instance_id      VARCHAR(64),
  status                   VARCHAR(20)   NOT NULL,
  -- JSON: the element changes against the approved versions, and the findings of the automatic checks
  changes                  VARCHAR(1000000),
  findings                 VARCHAR(1000000),
  activation_deployment_id VARCHAR(64),
  updated_at               TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX changegate_model_change_pi_idx ON changegate_model_change (process_instance_id);

-- The files of a proposal as the process owner deployed them. base_versions (JSON) records, per model key, the
-- approved version the checks compared against; an activation refuses to deploy over a newer one.
CREATE TABLE changegate_model_change_resource (
  model_change_id VARCHAR(32)    NOT NULL REFERENCES changegate_model_change (id),
  resource_name   VARCHAR(255)   NOT NULL,
  kind            VARCHAR(10)    NOT NULL,
  model_keys      VARCHAR(2000)  NOT NULL,
  sha256          CHAR(64)       NOT NULL,
  content         VARCHAR(1000000) NOT NULL,
  base_versions   VARCHAR(4000),
  PRIMARY KEY (model_change_id, resource_name)
);

-- Who decided what on a model change (facts for the four-eyes rule, never taken from process variables).
CREATE TABLE changegate_model_change_decision (
  model_change_id VARCHAR(32)   NOT NULL REFERENCES changegate_model_change (id),
  role            VARCHAR(20)   NOT NULL,
  actor           VARCHAR(100)  NOT NULL,
  decision        VARCHAR(20)   NOT NULL,
  comment         VARCHAR(4000),
  decided_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (model_change_id, role)
);

-- Traceability: every process, decision and form a change ran through, with the version and the SHA-256 of the
-- deployed resource; written by the engine (history events) in the transaction that started, evaluated or created it.
CREATE TABLE changegate_change_model_version (
  change_id     VARCHAR(32)  NOT NULL,
  kind          VARCHAR(10)  NOT NULL,
  model_key     VARCHAR(255) NOT NULL,
  version       INT          NOT NULL,
  sha256        CHAR(64)     NOT NULL,
  definition_id VARCHAR(64)  NOT NULL,
  first_used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX changegate_change_model_version_idx ON changegate_change_model_version (change_id);
