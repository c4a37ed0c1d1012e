-- Every login, failure, lockout, logout and password change (MLPS: kept at least six months).
-- `login` is what was typed, so attempts on unknown names are recorded too.
CREATE TABLE dashboard_login_audit (
    id          BIGSERIAL PRIMARY KEY,
    login       TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    address     TEXT NOT NULL,
    outcome     TEXT NOT NULL
);
CREATE INDEX dashboard_login_audit_login ON dashboard_login_audit (login, at);
