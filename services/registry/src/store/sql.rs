//! The registry's SQL, compiled for each backend.

use rectify_kit::journal::{NewChange, now_micros};
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::registry::v1 as pb;

use super::commands::{EnterpriseFilter, MoveAnswer, OfficeCommand, apply_move};
use super::merge::{merge_finding, new_enterprise, new_id};
use super::rows::{EnterpriseRow, FindingRow, PlanRow, PublicPlanRow};
use crate::convert;
use crate::domain::{Campaign, NewFinding, merge_key};

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
