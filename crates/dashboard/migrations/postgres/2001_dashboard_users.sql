-- People who log in to the dashboard: the office and government users
-- (managed with `rectifyctl dashboard-user`).
CREATE TABLE dashboard_users (
    id              BIGSERIAL PRIMARY KEY,
    login           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    -- office | government
    role            TEXT NOT NULL CHECK (role IN ('office', 'government')),
    -- argon2id, PHC string format (algorithm, parameters and salt included).
    password_hash   TEXT NOT NULL,
    -- Set when an administrator chose the password: the user must change it at the next login.
    must_change_password BOOLEAN NOT NULL,
    failed_count    INTEGER NOT NULL DEFAULT 0,
    locked_until    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    password_changed_at TIMESTAMPTZ NOT NULL
);
