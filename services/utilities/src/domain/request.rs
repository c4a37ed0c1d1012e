//! What parsing a utilities request needs besides the request: the one clock's now, the date the
//! enterprise's plan was published, and the campaign's area when known.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_campaign::Bounds;
use rectify_workitems::domain::{Evidence, EvidenceRules, Violations, WorkItemName};

use super::executed::ExecutedAt;

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
    /// When a recorded piece of work was executed and the evidence of it, the two facts every
    /// Record* request carries, each recording its violations in `v`.
    pub fn execution(
        &self,
        v: &mut Violations,
        executed_at: Option<&prost_types::Timestamp>,
        evidence: Option<&rectify_proto::workitems::v1::Evidence>,
    ) -> (Option<ExecutedAt>, Option<Evidence>) {
        let executed_at = v.check(
            "executed_at",
            ExecutedAt::parse(executed_at, self.now, self.plan_published),
        );
        let evidence = v.nested(Evidence::parse_required(
            evidence,
            "evidence",
            self.evidence_rules(),
        ));
        (executed_at, evidence)
    }

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
