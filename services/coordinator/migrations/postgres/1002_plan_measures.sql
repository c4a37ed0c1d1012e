-- The measures of each enterprise's published plan, as its last PlanPublished, PlanUpdated (of a
-- published plan) or EnterpriseReopened carried them.
CREATE TABLE plan_measures (
    enterprise_id      TEXT NOT NULL,
    measure_id         TEXT NOT NULL,
    kind               TEXT NOT NULL,
    -- YYYY-MM-DD (CST).
    deadline           TEXT NOT NULL,
    needs_verification BOOLEAN NOT NULL,
    PRIMARY KEY (enterprise_id, measure_id)
);
