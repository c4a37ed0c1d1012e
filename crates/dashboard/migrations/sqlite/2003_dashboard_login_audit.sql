-- Every login, failure, lockout, logout and password change (MLPS: kept at least six months).
-- `login` is what was typed, so attempts on unknown names are recorded too.
CREATE TABLE dashboard_login_audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    login       TEXT NOT NULL,
    at          TEXT NOT NULL,
    address     TEXT NOT NULL,
    outcome     TEXT NOT NULL
);
CREATE INDEX dashboard_login_audit_login ON dashboard_login_audit (login, at);
