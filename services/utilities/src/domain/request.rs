//! What parsing a utilities request needs besides the request: the one clock's now, the date the
//! enterprise's plan was published, and the campaign's area when known.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_campaign::Bounds;
use rectify_workitems::domain::{EvidenceRules, Violations, WorkItemName};

/// The context a request is parsed in.
#[derive(Clone, Copy, Debug)]
pub struct ParseContext<'a> {
    /// The clock's current instant.
    pub now: DateTime<Utc>,
    /// The CST date the plan that ordered the work was published; work is not dated before it.
    pub plan_published: NaiveDate,
    /// The campaign's GPS box, if known, for evidence locations.
    pub bounds: Option<&'a Bounds>,
}

impl ParseContext<'_> {
    /// The rules evidence is checked against.
    pub fn evidence_rules(&self) -> EvidenceRules<'_> {
        EvidenceRules {
            now: self.now,
            bounds: self.bounds,
        }
    }
}

/// The work item named in `field`, recording a violation when it is malformed.
pub fn work_item(violations: &mut Violations, field: &str, name: &str) -> Option<WorkItemName> {
    violations.check(field, WorkItemName::parse(name))
}
