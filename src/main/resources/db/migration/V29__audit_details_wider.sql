-- An audit entry keeps what people wrote where the audit trail is the record: a blameless postmortem is five texts of
-- up to 4,000 characters each (the engine's limit for a text variable), more than the 16,000 characters of V1's
-- details, and such a postmortem could not be completed ("longer than the database stores"). The same size as the
-- other documents Changegate stores (V11, V19). Widening a VARCHAR rewrites no row on PostgreSQL, and the hash chain
-- covers the text, which does not change.
ALTER TABLE changegate_audit ALTER COLUMN details SET DATA TYPE VARCHAR(1000000);
