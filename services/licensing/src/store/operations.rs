//! [`Store`]: the licensing operations on whichever backend the service runs on.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Result, dispatch, dispatch_write};
use rectify_proto::licensing::v1 as pb;
use rectify_workitems::store::Item;

use super::rows::{ReportedApproval, StoredApproval};
use super::sql;
use crate::domain::{Approval, ApprovalUpdate, RevocationRecord};

/// The enterprise an approval belongs to, as the service knows it from its work items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enterprise {
    /// The registry's id.
    pub id: String,
    pub display_name: String,
    /// Party code of its jurisdiction.
    pub jurisdiction: String,
}

impl Enterprise {
    /// The enterprise of `item`.
    pub fn of(item: &Item) -> Enterprise {
        Enterprise {
            id: item.enterprise_id.clone(),
            display_name: item.enterprise_display_name.clone(),
            jurisdiction: item.jurisdiction.clone(),
        }
    }
}

/// The licensing tables; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    journal: Journal,
}

impl Store {
    pub fn new(journal: Journal) -> Self {
        Self { journal }
    }

    /// Records `update` on `enterprise`; a grant completes `open_item`.
    pub async fn set_approval(
        &self,
        ctx: &CallContext,
        enterprise: &Enterprise,
        update: &ApprovalUpdate,
        open_item: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<pb::SetApprovalResponse> {
        dispatch_write!(self.journal, sql => set_approval(ctx, enterprise, update, open_item, now))
    }

    /// Completes the revocation item `record` names and records the revocation.
    pub async fn record_revocation(
        &self,
        ctx: &CallContext,
        record: &RevocationRecord,
        method: &str,
        now: DateTime<Utc>,
    ) -> Result<pb::RecordRevocationResponse> {
        dispatch_write!(self.journal, sql => record_revocation(ctx, record, method, now))
    }

    /// Every approval recorded for `enterprise_id`.
    pub async fn approvals(&self, enterprise_id: &str) -> Result<Vec<StoredApproval>> {
        dispatch!(self.journal.db(), sql => approvals(enterprise_id))
    }

    /// What the registry's findings reported of the approvals of `enterprise_id`.
    pub async fn reported(&self, enterprise_id: &str) -> Result<Vec<ReportedApproval>> {
        dispatch!(self.journal.db(), sql => reported(enterprise_id))
    }

    /// A page of the ids of the enterprises lacking `approval` (any, for `None`).
    pub async fn lacking(
        &self,
        approval: Option<Approval>,
        jurisdiction: &str,
        page: &Page,
    ) -> Result<Vec<String>> {
        dispatch!(self.journal.db(), sql => lacking(approval, jurisdiction, page))
    }
}
