-- Where each change comes from (package io.changegate.change): the team that delivers it (the request's team,
-- else the requester's group at intake) and the commit its pipeline built, with the commit time that lead time
-- for changes counts from. One row per change submitted since this migration; older changes have none.
CREATE TABLE changegate_change_origin (
  change_id              VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES changegate_change (id),
  team                   VARCHAR(63),
  commit_sha             VARCHAR(64),
  commit_repository      VARCHAR(300),
  commit_time            TIMESTAMP WITH TIME ZONE,
  pipeline_url           VARCHAR(2000),
  configuration_revision VARCHAR(200)
);
CREATE INDEX changegate_change_origin_team_idx ON changegate_change_origin (team);
