//! The licensing SQL, compiled for each backend by `per_backend!`: the transaction scripts of the
//! mutating `LicensingService` calls (which complete work items through
//! `rectify_workitems::store::ItemTx`), and the reads.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::parse::etag;
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::licensing::v1 as pb;
use rectify_workitems::domain::State;
use rectify_workitems::store::{ItemTx as _, item_name};

use super::enterprise::Enterprise;
use super::rows::{
    APPROVAL_COLUMNS, ApprovalRow, ReportedApproval, StoredApproval, standing_columns,
};
use crate::domain::Approval;
use crate::domain::{ApprovalUpdate, RevocationRecord, Revoked, Standing, approval::lacking_codes};
use crate::events;

rectify_kit::per_backend!("sql/queries.rs");
