-- One row per enterprise seen on any feed: the registry's facts, and the status derived from
-- them, its plan's measures and its items (recomputed whenever one of them changes). `metrics`
-- holds the status as the counters last counted it (JSON object metric -> value), so that the
-- next change adds only the difference.
CREATE TABLE enterprises (
    id                TEXT PRIMARY KEY,
    display_name      TEXT NOT NULL DEFAULT '',
    jurisdiction      TEXT NOT NULL DEFAULT '',
    -- rectify.registry.v1.Category and LifecycleState numbers; 0 until the registry's feed names it.
    category          INTEGER NOT NULL DEFAULT 0,
    state             INTEGER NOT NULL DEFAULT 0,
    round             INTEGER NOT NULL DEFAULT 1,
    reopen_count      INTEGER NOT NULL DEFAULT 0,
    sign_off_at       TEXT,
    last_patrol_at    TEXT,
    last_suspicion_at TEXT,
    measures          INTEGER NOT NULL DEFAULT 0,
    measures_complete INTEGER NOT NULL DEFAULT 0,
    complete          BOOLEAN NOT NULL DEFAULT FALSE,
    ready             BOOLEAN NOT NULL DEFAULT FALSE,
    -- YYYY-MM-DD (CST): the earliest deadline of an incomplete measure; NULL when none.
    due_date          TEXT,
    reported_late     BOOLEAN NOT NULL DEFAULT FALSE,
    discrepancy       BOOLEAN NOT NULL DEFAULT FALSE,
    -- YYYY-MM-DD (CST): the next rebound patrol of an enterprise under watch; NULL otherwise.
    patrol_due_date   TEXT,
    suspected         BOOLEAN NOT NULL DEFAULT FALSE,
    metrics           TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX enterprises_jurisdiction ON enterprises (jurisdiction, id);
CREATE INDEX enterprises_due ON enterprises (due_date) WHERE due_date IS NOT NULL;
CREATE INDEX enterprises_patrol_due ON enterprises (patrol_due_date) WHERE patrol_due_date IS NOT NULL;
