-- When each change was first deployed (H2 and PostgreSQL): the time of its first non-dry-run deploy call
-- (changegate_deployment, kind DEPLOY, whatever its result), kept on the change by DeploymentRecords in the transaction
-- that writes the call, so that the DORA report range-scans the changes of a period instead of grouping every deploy
-- call ever made. NULL: never deployed.
ALTER TABLE changegate_change ADD COLUMN first_deployed_at TIMESTAMP WITH TIME ZONE;

UPDATE changegate_change SET first_deployed_at = (
    SELECT MIN(d.deployed_at) FROM changegate_deployment d
    WHERE d.change_id = changegate_change.id AND d.kind = 'DEPLOY' AND d.dry_run = FALSE)
  WHERE EXISTS (
    SELECT 1 FROM changegate_deployment d
    WHERE d.change_id = changegate_change.id AND d.kind = 'DEPLOY' AND d.dry_run = FALSE);

-- the period's changes in the report's order (first deployed, then id)
CREATE INDEX changegate_change_first_deployed_idx ON changegate_change (first_deployed_at, id);

-- the rollback time of the report: the first ROLLED_BACK entry of each change, read from this index alone instead
-- of scanning the whole audit trail
CREATE INDEX changegate_audit_action_idx ON changegate_audit (action, change_id, occurred_at);
