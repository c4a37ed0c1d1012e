-- Where each approval of an enterprise stands, as its bureau recorded it: one
-- row per (enterprise, approval) once a bureau recorded anything. An approval
-- without a row is MISSING while the enterprise has an open approval.<code>
-- work item, else UNKNOWN. Fields that do not belong to the status are ''.
CREATE TABLE approvals (
    enterprise_id           TEXT NOT NULL,
    -- ApprovalKind code, e.g. environmental.
    kind                    TEXT NOT NULL,
    enterprise_display_name TEXT NOT NULL,
    -- Party code of the enterprise's jurisdiction.
    jurisdiction            TEXT NOT NULL,
    -- missing, applied, granted, refused or revoked.
    status                  TEXT NOT NULL,
    permit_number           TEXT NOT NULL,
    issuer                  TEXT NOT NULL,
    -- YYYY-MM-DD (CST) or ''.
    granted_on              TEXT NOT NULL,
    reason                  TEXT NOT NULL,
    revoked_on              TEXT NOT NULL,
    -- Bumped by every change; the etag.
    version                 BIGINT NOT NULL,
    -- party/subject of the caller.
    updated_by              TEXT NOT NULL,
    updated_at              TEXT        NOT NULL,
    PRIMARY KEY (enterprise_id, kind)
);
CREATE INDEX approvals_lacking ON approvals (status, kind, enterprise_id);
