//! The registry's SQL, compiled for each backend.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::write::Begun;
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::registry::v1 as pb;

use super::commands::{EnterpriseFilter, FindingReporter, MoveAnswer, OfficeCommand, apply_move};
use super::merge::{merge_finding, new_enterprise, new_id};
use super::rows::{EnterpriseRow, FindingRow, PlanRow, PublicPlanRow};
use crate::domain::{Campaign, NewFinding, merge_key};
use crate::{convert, events};

/// Reads.
pub mod reads {
    use super::*;
    rectify_kit::per_backend!("sql/reads.rs");
}

/// Transaction scripts of the mutating calls.
pub mod writes {
    use super::*;
    rectify_kit::per_backend!("sql/writes.rs");
}
