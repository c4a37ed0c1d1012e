//! The safety SQL, compiled for each backend by `per_backend!`: the transaction scripts of
//! RecordInspection and RecordHazardFix (which move the `safety_check` item through
//! `rectify_workitems::store::ItemTx`), and the reads.

use chrono::{DateTime, Utc};
use rectify_kit::clock::date_cst;
use rectify_kit::journal::{Journal, NewChange};
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, Reason as ErrorReason, Result, text};
use rectify_proto::safety::v1 as pb;
use rectify_workitems::domain::{Action, Evidence, Note, Reason, State};
use rectify_workitems::store::{Item, ItemTx as _, Transition};

use super::filter::{HazardFilter, HazardKey, InspectionFilter};
use super::rows::{HAZARD_COLUMNS, INSPECTION_COLUMNS, Inspectors, StoredHazard, StoredInspection};
use crate::domain::{
    self, BLOCKED_REASON, HazardFix, HazardName, InspectionRecord, ItemMove, item_move,
};
use crate::events;

rectify_kit::per_backend!("sql/queries.rs");
