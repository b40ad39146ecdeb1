-- Improvement actions (package io.changegate.delivery): what a postmortem or a post-implementation review decided
-- to do, tracked with an owner, a due date and a status, linked to the change it came from; optionally what it
-- amends (a standard-change template or a change's runbook checklist).
CREATE SEQUENCE changegate_improvement_action_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE changegate_improvement_action (
  id          VARCHAR(32)   NOT NULL PRIMARY KEY,
  change_id   VARCHAR(32)   NOT NULL REFERENCES changegate_change (id),
  title       VARCHAR(500)  NOT NULL,
  owner       VARCHAR(100)  NOT NULL,
  due_date    DATE,
  status      VARCHAR(20)   NOT NULL,
  source      VARCHAR(30)   NOT NULL,
  amends      VARCHAR(200),
  created_by  VARCHAR(100)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  closed_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX changegate_improvement_action_change_idx ON changegate_improvement_action (change_id);
CREATE INDEX changegate_improvement_action_status_idx ON changegate_improvement_action (status, due_date);

-- Outcomes of a change: the KPIs it names, each measured before and after its deployment (posted by a person or a
-- pipeline), and the A/B experiment it is part of, with the experiment's verdict.
CREATE TABLE changegate_change_kpi (
  change_id     VARCHAR(32)   NOT NULL REFERENCES changegate_change (id),
  name          VARCHAR(100)  NOT NULL,
  unit          VARCHAR(30),
  better        VARCHAR(10)   NOT NULL,
  promql        VARCHAR(2000),
  before_value  DOUBLE PRECISION,
  after_value   DOUBLE PRECISION,
  updated_by    VARCHAR(100)  NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (change_id, name)
);

CREATE TABLE changegate_change_experiment (
  change_id   VARCHAR(32)   NOT NULL PRIMARY KEY REFERENCES changegate_change (id),
  reference   VARCHAR(300)  NOT NULL,
  verdict     VARCHAR(20)   NOT NULL,
  updated_by  VARCHAR(100)  NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
