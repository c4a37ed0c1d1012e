//! One enterprise's seven approvals, built lazily from what the service holds: the work items
//! the follower created from the registry's plans (an open `approval.<code>` item means the plan
//! found the approval missing) and the rows its bureaus recorded, which take precedence.

use rectify_proto::licensing::v1 as pb;
use rectify_workitems::domain::State;
use rectify_workitems::store::{Item, enterprise_name, item_name};

use super::rows::{StoredApproval, approval_to_proto};
use crate::domain::{Approval, Status};

/// One approval of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub approval: Approval,
    /// What its bureau recorded, if anything.
    pub stored: Option<StoredApproval>,
    /// The `approval.<code>` item of the newest round, not cancelled: its id and state.
    pub item: Option<(String, State)>,
}

impl Entry {
    /// Recorded, else MISSING for an item the plan ordered, else unknown (`None`).
    pub fn status(&self) -> Option<Status> {
        match (&self.stored, &self.item) {
            (Some(stored), _) => Some(stored.standing.status()),
            (None, Some(_)) => Some(Status::Missing),
            (None, None) => None,
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
                if self.item.is_some() {
                    shown.status = pb::ApprovalStatus::Missing as i32;
                }
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
    /// The matrix of the enterprise `items` and `stored` are of; `None` when the service holds
    /// nothing of it.
    pub fn build(items: &[Item], stored: Vec<StoredApproval>) -> Option<Matrix> {
        let (enterprise_id, enterprise_display_name, jurisdiction) =
            match (items.first(), stored.first()) {
                (Some(item), _) => (
                    item.enterprise_id.clone(),
                    item.enterprise_display_name.clone(),
                    item.jurisdiction.clone(),
                ),
                (None, Some(row)) => (
                    row.enterprise_id.clone(),
                    row.enterprise_display_name.clone(),
                    row.jurisdiction.clone(),
                ),
                (None, None) => return None,
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
