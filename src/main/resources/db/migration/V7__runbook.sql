-- The runbook of a change (pre-checks, steps, post-checks, rollback steps) and its author: the peer
-- review of a HIGH-risk change must be done by a developer other than the author.
CREATE TABLE changegate_runbook (
  change_id  VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES changegate_change (id),
  content    VARCHAR(64000) NOT NULL,
  author     VARCHAR(100)  NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
