//! The rows of the `approvals` table, typed: a stored value that does not parse fails the read
//! (INTERNAL, logged), never turns into a default.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_kit::parse::{etag, timestamp};
use rectify_kit::{Error, Result};
use rectify_proto::licensing::v1 as pb;

use crate::domain::{Approval, Grant, Revoked, Standing, Status};

rectify_campaign::text_column!(Approval, |a| a.code(), Approval::from_code);

/// One approval of one enterprise, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredApproval {
    pub enterprise_id: String,
    pub approval: Approval,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
    pub standing: Standing,
    /// Bumped by every change; the etag.
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// `enterprises/{id}/approvals/{code}`.
pub fn approval_name(enterprise_id: &str, approval: Approval) -> String {
    format!("enterprises/{enterprise_id}/approvals/{}", approval.code())
}

/// A row of `approvals` as read.
#[derive(Debug, sqlx::FromRow)]
pub struct ApprovalRow {
    pub enterprise_id: String,
    pub kind: Approval,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
    pub status: Status,
    pub permit_number: String,
    pub issuer: String,
    pub granted_on: String,
    pub reason: String,
    pub revoked_on: String,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// The columns [`ApprovalRow`] reads, in its order.
pub const APPROVAL_COLUMNS: &str = "enterprise_id, kind, enterprise_display_name, jurisdiction, \
     status, permit_number, issuer, granted_on, reason, revoked_on, version, updated_at";

fn stored_date(row: &ApprovalRow, column: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|e| {
        Error::corrupt(
            column,
            &approval_name(&row.enterprise_id, row.kind),
            format!("{value:?}: {e}"),
        )
    })
}

impl TryFrom<ApprovalRow> for StoredApproval {
    type Error = Error;

    fn try_from(row: ApprovalRow) -> Result<StoredApproval> {
        let standing = match row.status {
            Status::Missing => Standing::Missing,
            Status::Applied => Standing::Applied,
            Status::Granted => Standing::Granted(Grant {
                permit_number: row.permit_number.clone(),
                issuer: row.issuer.clone(),
                granted_on: stored_date(&row, "granted_on", &row.granted_on)?,
            }),
            Status::Refused => Standing::Refused {
                reason: row.reason.clone(),
            },
            Status::Revoked => Standing::Revoked(Revoked {
                reason: row.reason.clone(),
                revoked_on: stored_date(&row, "revoked_on", &row.revoked_on)?,
            }),
        };
        Ok(StoredApproval {
            enterprise_id: row.enterprise_id,
            approval: row.kind,
            enterprise_display_name: row.enterprise_display_name,
            jurisdiction: row.jurisdiction,
            standing,
            version: row.version,
            updated_at: row.updated_at,
        })
    }
}

/// The columns a standing fills: permit number, issuer, granted on, reason, revoked on.
pub fn standing_columns(standing: &Standing) -> [String; 5] {
    match standing {
        Standing::Missing | Standing::Applied => Default::default(),
        Standing::Granted(grant) => [
            grant.permit_number.clone(),
            grant.issuer.clone(),
            grant.granted_on.to_string(),
            String::new(),
            String::new(),
        ],
        Standing::Refused { reason } => [
            String::new(),
            String::new(),
            String::new(),
            reason.clone(),
            String::new(),
        ],
        Standing::Revoked(revoked) => [
            String::new(),
            String::new(),
            String::new(),
            revoked.reason.clone(),
            revoked.revoked_on.to_string(),
        ],
    }
}

/// `standing` as the API shows it, for the approval `approval` of `enterprise_id`.
pub fn approval_to_proto(
    enterprise_id: &str,
    approval: Approval,
    standing: Option<&Standing>,
    version: i64,
    updated_at: Option<DateTime<Utc>>,
    work_item: String,
) -> pb::Approval {
    let status = standing.map_or(pb::ApprovalStatus::Unknown, |s| s.status().to_proto());
    let [permit_number, issuer, granted_on, reason, revoked_on] =
        standing.map(standing_columns).unwrap_or_default();
    pb::Approval {
        name: approval_name(enterprise_id, approval),
        kind: approval.to_proto() as i32,
        bureau: approval.bureau().to_owned(),
        status: status as i32,
        permit_number,
        issuer,
        granted_on,
        reason,
        revoked_on,
        work_item,
        update_time: updated_at.map(timestamp),
        etag: etag(version),
    }
}

impl StoredApproval {
    /// As the API shows it, with the `approval.<code>` item `work_item` (or empty).
    pub fn to_proto(&self, work_item: String) -> pb::Approval {
        approval_to_proto(
            &self.enterprise_id,
            self.approval,
            Some(&self.standing),
            self.version,
            Some(self.updated_at),
            work_item,
        )
    }
}

/// What the registry's findings reported of one approval of an enterprise.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ReportedApproval {
    pub enterprise_id: String,
    pub kind: Approval,
    pub held: bool,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
}
