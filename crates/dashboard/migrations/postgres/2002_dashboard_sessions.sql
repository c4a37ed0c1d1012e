-- Logged-in browsers. The cookie holds a random 256-bit id; only its SHA-256 is stored,
-- so a copy of this table cannot be replayed as a cookie.
CREATE TABLE dashboard_sessions (
    id_hash     TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES dashboard_users (id) ON DELETE CASCADE,
    -- Synchronizer token every POST form of this session carries.
    csrf_token  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL
);
CREATE INDEX dashboard_sessions_user ON dashboard_sessions (user_id);
