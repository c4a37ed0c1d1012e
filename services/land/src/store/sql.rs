//! The land SQL, compiled for each backend by `per_backend!`: the transaction scripts of the
//! mutating `LandService` calls (which complete work items through
//! `rectify_workitems::store::ItemTx`), and the reads.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::land::v1 as pb;
use rectify_workitems::store::{Item, ItemTx as _};

use super::RecordAnswer;
use super::view::{
    DemolitionRow, FindingRow, Header, LandFilter, LandView, PlotRow, RemediationRow,
};
use crate::domain::{Facts, PlanningFinding, Record};
use crate::events;

rectify_kit::per_backend!("sql/queries.rs");
