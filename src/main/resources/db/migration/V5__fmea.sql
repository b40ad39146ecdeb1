-- FMEA risk review (processes/fmea-review.bpmn): the worksheet of a change, one row per failure mode,
-- replaced as a whole on each save. The risk priority number is not stored: it is always computed
-- (severity x occurrence x detection). The risk level decided from it goes to changegate_change.risk_level.
CREATE TABLE changegate_fmea_worksheet (
  change_id VARCHAR(32)  NOT NULL PRIMARY KEY REFERENCES changegate_change (id),
  saved_by  VARCHAR(100) NOT NULL,
  saved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  source    VARCHAR(20)  NOT NULL
);

CREATE TABLE changegate_fmea_row (
  change_id          VARCHAR(32)   NOT NULL REFERENCES changegate_fmea_worksheet (change_id),
  row_no             INT           NOT NULL,
  step               VARCHAR(200)  NOT NULL,
  failure_mode       VARCHAR(500)  NOT NULL,
  effect             VARCHAR(1000) NOT NULL,
  cause              VARCHAR(1000) NOT NULL,
  severity           SMALLINT      NOT NULL CHECK (severity BETWEEN 1 AND 10),
  occurrence         SMALLINT      NOT NULL CHECK (occurrence BETWEEN 1 AND 10),
  detection          SMALLINT      NOT NULL CHECK (detection BETWEEN 1 AND 10),
  current_controls   VARCHAR(1000),
  recommended_action VARCHAR(1000),
  action_owner       VARCHAR(100),
  PRIMARY KEY (change_id, row_no)
);
