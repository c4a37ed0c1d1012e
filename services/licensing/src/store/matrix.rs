//! One enterprise's seven approvals, built lazily from what the service holds: what the
//! registry's findings reported (held or not), the work items the follower created from the
//! registry's plans (an `approval.<code>` item means the plan found the approval missing), and
//! the rows its bureaus recorded — each taking precedence over the ones before.

use rectify_proto::licensing::v1 as pb;
use rectify_workitems::domain::State;
use rectify_workitems::store::{Item, enterprise_name, item_name};

use super::rows::{ReportedApproval, StoredApproval, approval_to_proto};
use crate::domain::Approval;

/// One approval of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub approval: Approval,
    /// What its bureau recorded, if anything.
    pub stored: Option<StoredApproval>,
    /// The `approval.<code>` item of the newest round, not cancelled: its id and state.
    pub item: Option<(String, State)>,
    /// Whether the registry's findings reported it held, if they said.
    pub reported_held: Option<bool>,
}

impl Entry {
    /// Recorded by its bureau, else MISSING for an item the plan ordered, else as the findings
    /// reported it, else unknown.
    pub fn status(&self) -> pb::ApprovalStatus {
        match (&self.stored, &self.item, self.reported_held) {
            (Some(stored), _, _) => stored.standing.status().to_proto(),
            (None, Some(_), _) | (None, None, Some(false)) => pb::ApprovalStatus::Missing,
            (None, None, Some(true)) => pb::ApprovalStatus::ReportedHeld,
            (None, None, None) => pb::ApprovalStatus::Unknown,
        }
    }

    /// The item a grant completes: one still pending or in progress.
    pub fn open_item(&self) -> Option<&str> {
        match &self.item {
            Some((id, State::Pending | State::InProgress)) => Some(id),
            _ => None,
        }
    }

    fn to_proto(&self, enterprise_id: &str) -> pb::Approval {
        let work_item = self
            .item
            .as_ref()
            .map(|(id, _)| item_name(id))
            .unwrap_or_default();
        match &self.stored {
            Some(stored) => stored.to_proto(work_item),
            None => {
                let mut shown =
                    approval_to_proto(enterprise_id, self.approval, None, 0, None, work_item);
                shown.status = self.status() as i32;
                shown
            }
        }
    }
}

/// The seven approvals of one enterprise, in the plan's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    pub enterprise_id: String,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
    pub entries: Vec<Entry>,
}

impl Matrix {
    /// The matrix of the enterprise `items`, `stored` and `reported` are of; `None` when the
    /// service holds nothing of it.
    pub fn build(
        items: &[Item],
        stored: Vec<StoredApproval>,
        reported: &[ReportedApproval],
    ) -> Option<Matrix> {
        let (enterprise_id, enterprise_display_name, jurisdiction) =
            match (items.first(), stored.first(), reported.first()) {
                (Some(item), _, _) => (
                    item.enterprise_id.clone(),
                    item.enterprise_display_name.clone(),
                    item.jurisdiction.clone(),
                ),
                (None, Some(row), _) => (
                    row.enterprise_id.clone(),
                    row.enterprise_display_name.clone(),
                    row.jurisdiction.clone(),
                ),
                (None, None, Some(row)) => (
                    row.enterprise_id.clone(),
                    row.enterprise_display_name.clone(),
                    row.jurisdiction.clone(),
                ),
                (None, None, None) => return None,
            };
        let entries = Approval::all()
            .map(|approval| Entry {
                approval,
                stored: stored.iter().find(|s| s.approval == approval).cloned(),
                item: items
                    .iter()
                    .filter(|item| {
                        Approval::of_item_kind(&item.terms.kind) == Some(approval)
                            && item.state != State::Cancelled
                    })
                    .max_by_key(|item| item.round)
                    .map(|item| (item.id.clone(), item.state)),
                reported_held: reported.iter().find(|r| r.kind == approval).map(|r| r.held),
            })
            .collect();
        Some(Matrix {
            enterprise_id,
            enterprise_display_name,
            jurisdiction,
            entries,
        })
    }

    /// The entry of `approval`.
    pub fn entry(&self, approval: Approval) -> &Entry {
        self.entries
            .iter()
            .find(|e| e.approval == approval)
            .unwrap_or_else(|| unreachable!("a matrix has every approval"))
    }

    pub fn to_proto(&self) -> pb::EnterpriseApprovals {
        let enterprise = enterprise_name(&self.enterprise_id);
        pb::EnterpriseApprovals {
            name: format!("{enterprise}/approvals"),
            enterprise,
            enterprise_display_name: self.enterprise_display_name.clone(),
            jurisdiction: self.jurisdiction.clone(),
            approvals: self
                .entries
                .iter()
                .map(|e| e.to_proto(&self.enterprise_id))
                .collect(),
        }
    }
}
