//! Pre-filling the measures of a 一企一策 plan from the campaign's catalog.
//!
//! The drafts are a starting point the office edits per enterprise before publishing.

use chrono::NaiveDate;
use rectify_campaign::{Campaign, Category, JURISDICTION};
use serde::{Deserialize, Serialize};

use super::criteria::Criteria;

/// One measure of a plan, before the office edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureDraft {
    /// Id within the plan: `m1`, `m2`, … in catalog order.
    pub id: String,
    /// Kind of measure, e.g. `water_cut` or `approval.land_use`.
    pub kind: String,
    /// Title in Chinese.
    pub title: String,
    /// Owning party code.
    pub owner: String,
    /// Cooperating party codes.
    pub cooperating: Vec<String>,
    /// Deadline; pre-filled with the campaign's completion milestone.
    pub deadline: NaiveDate,
    /// Whether another party must verify the work.
    pub needs_verification: bool,
    /// Who verifies, if anyone.
    pub verifier: Option<String>,
}

/// The measures the catalog pre-fills for an enterprise of `category` in `jurisdiction`.
///
/// A per-missing-approval entry becomes one measure per approval the criteria find missing, owned
/// by the bureau that grants it; the placeholder `jurisdiction` becomes the enterprise's
/// jurisdiction code. [`Category::NotTarget`] has no measures.
pub fn prefill(
    campaign: &Campaign,
    category: Category,
    criteria: &Criteria,
    jurisdiction: &str,
) -> Vec<MeasureDraft> {
    let deadline = campaign.milestones().complete_by;
    let resolve = |party: &str| {
        if party == JURISDICTION {
            jurisdiction.to_owned()
        } else {
            party.to_owned()
        }
    };
    let mut drafts = Vec::new();
    for entry in campaign.catalog_for(category) {
        let draft = |kind: String, title: String, owner: &str| MeasureDraft {
            id: String::new(),
            kind,
            title,
            owner: resolve(owner),
            cooperating: entry.cooperating.iter().map(|p| resolve(p)).collect(),
            deadline,
            needs_verification: entry.needs_verification,
            verifier: entry.verifier.as_deref().map(resolve),
        };
        if entry.per_missing_approval {
            drafts.extend(criteria.approvals.missing().into_iter().map(|approval| {
                draft(
                    entry.approval_kind(approval),
                    approval.title_zh().to_owned(),
                    approval.owner_bureau(),
                )
            }));
        } else {
            drafts.push(draft(entry.kind.clone(), entry.title.clone(), &entry.owner));
        }
    }
    for (index, draft) in drafts.iter_mut().enumerate() {
        draft.id = format!("m{}", index + 1);
    }
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::criteria::Approvals;

    fn huachuan() -> Campaign {
        Campaign::huachuan_2021()
    }

    /// (id, kind, owner) of each draft.
    fn summary(drafts: &[MeasureDraft]) -> Vec<(&str, &str, &str)> {
        drafts
            .iter()
            .map(|d| (d.id.as_str(), d.kind.as_str(), d.owner.as_str()))
            .collect()
    }

    #[test]
    fn upgrade_expands_one_measure_per_missing_approval_owned_by_its_bureau() {
        let criteria = Criteria {
            approvals: Approvals {
                land_use: Some(false),
                environmental: Some(false),
                business_licence: Some(true),
                water_intake: Some(false),
                ..Approvals::default()
            },
            ..Criteria::default()
        };
        let drafts = prefill(&huachuan(), Category::Upgrade, &criteria, "yuelai");
        assert_eq!(
            summary(&drafts),
            vec![
                ("m1", "approval.land_use", "land"),
                ("m2", "approval.environmental", "eco"),
                ("m3", "approval.water_intake", "water"),
                ("m4", "pollution_upgrade", "eco"),
                ("m5", "safety_check", "safety"),
                ("m6", "daily_supervision", "eco"),
            ],
            "approvals first, in catalog order, then the other upgrade measures"
        );
        let titles: Vec<&str> = drafts[..3].iter().map(|d| d.title.as_str()).collect();
        assert_eq!(
            titles,
            ["补办用地审批手续", "补办环评/排污许可手续", "办理取水许可"],
            "approval titles"
        );
    }

    #[test]
    fn upgrade_without_missing_approvals_has_no_approval_measures() {
        let drafts = prefill(
            &huachuan(),
            Category::Upgrade,
            &Criteria::default(),
            "yuelai",
        );
        let kinds: Vec<&str> = drafts.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["pollution_upgrade", "safety_check", "daily_supervision"],
            "nothing missing, nothing to obtain"
        );
        assert_eq!(drafts[0].id, "m1", "ids start at m1 after a skipped entry");
    }

    #[test]
    fn close_replaces_the_jurisdiction_placeholder_and_keeps_verifiers() {
        let drafts = prefill(&huachuan(), Category::Close, &Criteria::default(), "donghe");
        let cases = [
            ("water_cut", "water", Vec::<&str>::new(), Some("eco")),
            ("power_cut", "power", vec![], Some("eco")),
            ("clear_materials", "donghe", vec![], Some("eco")),
            ("clear_products", "donghe", vec![], Some("eco")),
            ("clear_equipment", "donghe", vec![], Some("eco")),
            ("well_closure", "water", vec![], None),
            ("licence_revocation", "market", vec![], None),
            ("water_permit_revocation", "water", vec![], None),
            ("site_remediation", "eco", vec!["land"], None),
            ("rebound_patrol", "eco", vec!["donghe"], None),
        ];
        assert_eq!(
            drafts.len(),
            cases.len(),
            "one draft per close catalog entry"
        );
        for (draft, (kind, owner, cooperating, verifier)) in drafts.iter().zip(cases) {
            assert_eq!(draft.kind, kind, "kind in catalog order");
            assert_eq!(draft.owner, owner, "{kind} owner");
            assert_eq!(draft.cooperating, cooperating, "{kind} cooperating");
            assert_eq!(draft.verifier.as_deref(), verifier, "{kind} verifier");
            assert_eq!(
                draft.needs_verification,
                verifier.is_some(),
                "{kind} verification"
            );
        }
    }

    #[test]
    fn every_draft_is_due_at_the_campaigns_completion() {
        let campaign = huachuan();
        let complete_by = campaign.milestones().complete_by;
        for category in [Category::Upgrade, Category::Relocate, Category::Close] {
            let drafts = prefill(&campaign, category, &Criteria::default(), "xinghuo");
            assert!(!drafts.is_empty(), "{category:?} pre-fills measures");
            for draft in &drafts {
                assert_eq!(draft.deadline, complete_by, "{category:?} {}", draft.kind);
            }
        }
    }

    #[test]
    fn relocate_prefills_the_plot_approvals_demolition_and_remediation() {
        let drafts = prefill(
            &huachuan(),
            Category::Relocate,
            &Criteria::default(),
            "lifeng",
        );
        assert_eq!(
            summary(&drafts),
            vec![
                ("m1", "relocation_plot", "miit"),
                ("m2", "interim_compliance", "eco"),
                ("m3", "new_site_approvals", "miit"),
                ("m4", "demolition", "housing"),
                ("m5", "site_remediation", "eco"),
            ],
            "relocate catalog in order"
        );
    }

    #[test]
    fn not_a_target_has_no_measures() {
        let criteria = Criteria {
            approvals: Approvals {
                safety: Some(false),
                ..Approvals::default()
            },
            ..Criteria::default()
        };
        let drafts = prefill(&huachuan(), Category::NotTarget, &criteria, "yuelai");
        assert!(drafts.is_empty(), "none category pre-fills nothing");
    }
}
