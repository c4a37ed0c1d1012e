-- What the registry's findings recorded of each approval (排查上报), followed from the registry's
-- FindingReported events: held or not, as the newest report of the enterprise said. A bureau's
-- own record in `approvals` and an open approval item of the plan take precedence over it.
CREATE TABLE reported_approvals (
    enterprise_id           TEXT NOT NULL,
    -- The approval's code, e.g. business_licence.
    kind                    TEXT NOT NULL,
    held                    INTEGER NOT NULL,
    enterprise_display_name TEXT NOT NULL,
    jurisdiction            TEXT NOT NULL,
    -- The registry's feed sequence of the report it comes from.
    reported_seq            INTEGER NOT NULL,
    PRIMARY KEY (enterprise_id, kind)
);
