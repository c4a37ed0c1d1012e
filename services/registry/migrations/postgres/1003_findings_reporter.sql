-- Lists of what a party reported (ListEnterprisesRequest.reported_by) look
-- findings up by reporter.
CREATE INDEX findings_reporter ON findings (reporter, enterprise_id);
