-- What people did to a change's process instances by hand, outside its model (instance modification, variable
-- edits, deletion, migration, restart, ...; docs/administrator-interventions.md). The audit trail holds each
-- intervention in full; these columns make it findable.

-- The change's approval or flow was altered by hand: set once, never cleared (GET /api/changes?governanceOverridden=true).
ALTER TABLE changegate_change ADD COLUMN governance_overridden BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX changegate_change_overridden_idx ON changegate_change (governance_overridden, created_at);

-- Which change (none for an operation on a whole process or job definition) each engine operation touched, by the
-- operation id of the engine's user operation log: an annotation given later
-- (PUT /engine-rest/history/user-operation/{operationId}/set-annotation) is recorded on the same changes.
CREATE TABLE changegate_intervention (
  operation_id VARCHAR(64)  NOT NULL,
  change_id    VARCHAR(32),
  operation    VARCHAR(64)  NOT NULL
);
CREATE INDEX changegate_intervention_operation_idx ON changegate_intervention (operation_id);
