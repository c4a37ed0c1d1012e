-- Who entered a finding at the calling system (ImportFindingsRequest.entered_by,
-- e.g. the dashboard login that uploaded a township's survey); empty when the
-- caller reported it directly.
ALTER TABLE findings ADD COLUMN entered_by TEXT NOT NULL DEFAULT '';
