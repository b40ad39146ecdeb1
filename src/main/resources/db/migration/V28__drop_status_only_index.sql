-- The index on status alone (V1) is a prefix of V27's (status, service, environment, planned_start), which serves every
-- look-up by status; keeping both would write two index entries on every status change. (Release 26 had added this
-- statement to V27 itself; io.changegate.jdbc.EditedMigrations restores V27's checksum in databases it migrated, which
-- have no such index any more: hence IF EXISTS.)
DROP INDEX IF EXISTS changegate_change_status_idx;
