-- Release safety of a change: its phased feature-flag rollout (flag key, provider, stages) and its checks before the
-- traffic switch (preview URL, synthetic checks), each as JSON; a change that declares neither has no row.
CREATE TABLE changegate_release_safety (
  change_id    VARCHAR(32)    NOT NULL PRIMARY KEY REFERENCES changegate_change (id),
  flag_rollout VARCHAR(16000),
  pre_traffic  VARCHAR(32000)
);
