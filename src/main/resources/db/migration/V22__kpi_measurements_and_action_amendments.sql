-- KPIs measured by Changegate itself (package io.changegate.delivery): for a KPI with PromQL, one row per phase —
-- BEFORE, evaluated at the change's first deployment, and AFTER, evaluated changegate.delivery.kpi-after-delay (72 h)
-- later — written by the measurement timer when it is due: the value (null: no data), where it came from, the last
-- error and how often it was tried.
CREATE TABLE changegate_kpi_measurement (
  change_id    VARCHAR(32)   NOT NULL REFERENCES changegate_change (id),
  name         VARCHAR(100)  NOT NULL,
  phase        VARCHAR(10)   NOT NULL,
  due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  measured_at  TIMESTAMP WITH TIME ZONE,
  measured_value DOUBLE PRECISION,
  source       VARCHAR(2100),
  error        VARCHAR(1000),
  attempts     INTEGER       NOT NULL,
  PRIMARY KEY (change_id, name, phase)
);
CREATE INDEX changegate_kpi_measurement_due_idx ON changegate_kpi_measurement (measured_at, due_at);

-- What closing an improvement action changed: the amendment it proposed (a runbook checklist item, a standard-change
-- template change) and where that stands: APPLIED (runbook), PROPOSED (a template: waits for a process owner),
-- ACCEPTED or REJECTED by the process owner; who gave the amendment, who decided and when.
ALTER TABLE changegate_improvement_action ADD COLUMN amendment VARCHAR(4000);
ALTER TABLE changegate_improvement_action ADD COLUMN amendment_status VARCHAR(20);
ALTER TABLE changegate_improvement_action ADD COLUMN amendment_by VARCHAR(100);
ALTER TABLE changegate_improvement_action ADD COLUMN amendment_decided_by VARCHAR(100);
ALTER TABLE changegate_improvement_action ADD COLUMN amendment_decided_at TIMESTAMP WITH TIME ZONE;
