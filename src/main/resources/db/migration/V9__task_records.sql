-- Every user task of a change as the process definition created it: who it is for (candidate groups and
-- users, evaluated by the engine from the model when the task was created) and, once completed, who
-- completed it and, for approvals, the decision and comment. Written by the engine's own listeners in the
-- transaction of the task's creation or completion; nobody edits it over REST. Segregation of duties reads the
-- group a task is for and the earlier decisions from here, never from process variables or identity links.
CREATE TABLE changegate_task (
  task_id             VARCHAR(64)   NOT NULL PRIMARY KEY,
  change_id           VARCHAR(64),
  process_instance_id VARCHAR(64)   NOT NULL,
  process_key         VARCHAR(255)  NOT NULL,
  step                VARCHAR(255)  NOT NULL,
  name                VARCHAR(255)  NOT NULL,
  candidate_groups    VARCHAR(1000) NOT NULL,
  candidate_users     VARCHAR(1000) NOT NULL,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  completed_by        VARCHAR(100),
  completed_at        TIMESTAMP WITH TIME ZONE,
  decision            VARCHAR(20),
  decision_comment    VARCHAR(4000)
);
CREATE INDEX changegate_task_change_idx ON changegate_task (change_id, step);
