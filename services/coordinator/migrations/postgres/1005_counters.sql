-- The counters every summary reads, kept by adding each change's difference in the transaction
-- that applies it. scope: all, jurisdiction, category or bureau; scope_key: the party code or category
-- (empty for all); metric: e.g. complete, due:2021-12-31, acted:12.
CREATE TABLE counters (
    scope  TEXT NOT NULL,
    scope_key TEXT NOT NULL,
    metric TEXT NOT NULL,
    value  BIGINT NOT NULL,
    PRIMARY KEY (scope, scope_key, metric)
);
