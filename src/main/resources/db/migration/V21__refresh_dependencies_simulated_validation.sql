-- Environment refresh, version constraints between services, simulated validation (H2 and PostgreSQL).

-- The evidence of an environment refresh (standard change environment-refresh): one row per change, written once.
-- The steps (copy, anonymization: program, exit code, output, its SHA-256), the verification query with what it
-- answered and what was expected, and the SHA-256 of the evidence as stored (also in the audit trail).
CREATE TABLE changegate_refresh (
  change_id          VARCHAR(32)    NOT NULL PRIMARY KEY,
  source_environment VARCHAR(63)    NOT NULL,
  target_environment VARCHAR(63)    NOT NULL,
  adapter            VARCHAR(30)    NOT NULL,
  simulated          BOOLEAN        NOT NULL,
  verified           BOOLEAN        NOT NULL,
  verification_query VARCHAR(4000)  NOT NULL,
  expected_result    VARCHAR(200)   NOT NULL,
  observed_result    VARCHAR(200),
  evidence           VARCHAR(100000) NOT NULL,
  evidence_sha256    CHAR(64)       NOT NULL,
  finished_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A dependency may require a version of the service it depends on ("requires stripe-api >= 2.3"): the lowest
-- version, checked at intake against what runs in the change's environment. NULL: any version.
ALTER TABLE changegate_service_dependency ADD COLUMN min_version VARCHAR(40);

-- A change whose validation a simulated monitoring adapter (the sandbox) passed outside the demo profile: it earns
-- its digest no promotion.
ALTER TABLE changegate_change ADD COLUMN validation_simulated BOOLEAN DEFAULT FALSE NOT NULL;

-- The group that owns a service: when a service it depends on changes, it is listed as a dependent and signs off.
CREATE TABLE changegate_service_owner (
  service     VARCHAR(63)  NOT NULL PRIMARY KEY,
  owner_group VARCHAR(64)  NOT NULL,
  updated_by  VARCHAR(100) NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
-- the dependents of a service (the reverse of the primary key's order)
CREATE INDEX changegate_service_dependency_on_idx ON changegate_service_dependency (depends_on);
