-- Every change about an enterprise, from every feed, with its event as published.
CREATE TABLE timeline (
    source        TEXT NOT NULL,
    seq           BIGINT NOT NULL,
    enterprise_id TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    actor         TEXT NOT NULL,
    resource      TEXT NOT NULL,
    type_url      TEXT NOT NULL,
    event         BLOB NOT NULL,
    PRIMARY KEY (source, seq)
);
CREATE INDEX timeline_enterprise ON timeline (enterprise_id, recorded_at, source, seq);
