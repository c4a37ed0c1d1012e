//! The measure catalog: what each category pre-fills in a 一企一策 plan, who does it, and which
//! rectify service executes it.

use serde::Serialize;

use crate::approval::ApprovalKind;
use crate::category::Category;
use crate::service_name::ServiceName;

/// The placeholder in the catalog for the enterprise's own jurisdiction (属地).
pub const JURISDICTION: &str = "jurisdiction";

/// A measure a category pre-fills, checked when its campaign was loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CatalogEntry {
    /// The category this measure belongs to.
    pub category: Category,
    /// Stable kind of measure; with `per_missing_approval`, the prefix of the concrete kinds.
    pub kind: String,
    /// Title in Chinese.
    pub title: String,
    /// The rectify service that executes measures of this kind (never the registry or the
    /// coordinator).
    pub service: ServiceName,
    /// Owning party code, or [`JURISDICTION`]; ignored when `per_missing_approval`.
    pub owner: String,
    /// Cooperating party codes, [`JURISDICTION`] allowed.
    pub cooperating: Vec<String>,
    /// Whether another party must verify the work.
    pub needs_verification: bool,
    /// Who verifies; set exactly when `needs_verification`.
    pub verifier: Option<String>,
    /// Expands into one measure per missing approval, each owned by that approval's bureau.
    pub per_missing_approval: bool,
}

impl CatalogEntry {
    /// The kind of the measure that obtains `approval` under a per-missing-approval entry:
    /// `<kind>.<approval code>`, e.g. `approval.land_use`.
    pub fn approval_kind(&self, approval: ApprovalKind) -> String {
        format!("{}.{}", self.kind, approval.code())
    }

    /// The concrete kinds of the measures this entry can pre-fill: its own kind, or one
    /// [`CatalogEntry::approval_kind`] per approval when `per_missing_approval`.
    pub fn kinds(&self) -> Vec<String> {
        if self.per_missing_approval {
            ApprovalKind::ALL
                .into_iter()
                .map(|approval| self.approval_kind(approval))
                .collect()
        } else {
            vec![self.kind.clone()]
        }
    }

    /// Whether `kind` is one of this entry's concrete [`kinds`](CatalogEntry::kinds). The bare
    /// prefix of a per-missing-approval entry is not: no measure has it.
    pub fn covers(&self, kind: &str) -> bool {
        if !self.per_missing_approval {
            return kind == self.kind;
        }
        kind.strip_prefix(self.kind.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(ApprovalKind::from_code)
            .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, per_missing_approval: bool) -> CatalogEntry {
        CatalogEntry {
            category: Category::Upgrade,
            kind: kind.to_owned(),
            title: "标题".to_owned(),
            service: ServiceName::Licensing,
            owner: "office".to_owned(),
            cooperating: Vec::new(),
            needs_verification: false,
            verifier: None,
            per_missing_approval,
        }
    }

    #[test]
    fn a_per_missing_approval_entry_covers_one_kind_per_approval() {
        let approvals = entry("approval", true);
        assert_eq!(
            approvals.kinds().len(),
            ApprovalKind::ALL.len(),
            "one kind per approval"
        );
        let cases = [
            ("approval.land_use", true, "an approval kind"),
            ("approval.water_intake", true, "the last approval"),
            ("approval", false, "the bare prefix"),
            ("approval.", false, "an empty approval code"),
            ("approval.parking", false, "an unknown approval"),
            ("approvalland_use", false, "no dot"),
            ("licence.land_use", false, "another prefix"),
        ];
        for (kind, covered, why) in cases {
            assert_eq!(approvals.covers(kind), covered, "{why}: {kind}");
            assert_eq!(
                approvals.kinds().iter().any(|k| k == kind),
                covered,
                "{why}: kinds() agrees with covers()"
            );
        }
    }

    #[test]
    fn a_plain_entry_covers_only_its_own_kind() {
        let water_cut = entry("water_cut", false);
        assert_eq!(water_cut.kinds(), vec!["water_cut"], "its own kind only");
        let cases = [
            ("water_cut", true),
            ("water_cut.land_use", false),
            ("water", false),
        ];
        for (kind, covered) in cases {
            assert_eq!(water_cut.covers(kind), covered, "{kind}");
        }
    }
}
