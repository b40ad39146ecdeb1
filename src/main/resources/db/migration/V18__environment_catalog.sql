-- The environment catalog (H2 and PostgreSQL): what each environment is (its kind decides whether production rules
-- apply, never its name), who owns it, which deployment adapters a change may use there, its position in the
-- promotion order (unique; NULL = outside the order), its data classification, the infrastructure template it is
-- built from with its parameter overrides (JSON object), and how many deployments it takes at once. Every write is
-- in the audit trail (ENVIRONMENT_CREATED, ENVIRONMENT_UPDATED).
CREATE TABLE changegate_environment (
  name                    VARCHAR(63)   NOT NULL PRIMARY KEY,
  kind                    VARCHAR(20)   NOT NULL,
  owner_group             VARCHAR(64)   NOT NULL,
  allowed_adapters        VARCHAR(1000) NOT NULL,
  promotion_order         INT,
  data_classification     VARCHAR(20)   NOT NULL,
  infrastructure_template VARCHAR(200),
  template_parameters     VARCHAR(16000) NOT NULL,
  capacity                INT           NOT NULL,
  version                 BIGINT        NOT NULL,
  created_by              VARCHAR(100)  NOT NULL,
  created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by              VARCHAR(100)  NOT NULL,
  updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT changegate_environment_kind_ck
    CHECK (kind IN ('PRODUCTION', 'PRE_PRODUCTION', 'TEST', 'DEVELOPMENT')),
  CONSTRAINT changegate_environment_capacity_ck CHECK (capacity > 0),
  CONSTRAINT changegate_environment_promotion_uq UNIQUE (promotion_order)
);
