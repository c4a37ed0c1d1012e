//! [`Store`]: the land operations on whichever backend the service runs on.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Result, dispatch, dispatch_write};
use rectify_proto::land::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::store::Item;

use super::sql;
use super::view::{LandFilter, LandView};
use crate::domain::{PlanningFinding, Record};

/// The land tables; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    journal: Journal,
}

impl Store {
    pub fn new(journal: Journal) -> Self {
        Self { journal }
    }

    /// Completes the item `record` names and records its facts (see `sql::record`).
    pub async fn record<A: prost::Message + Default>(
        &self,
        ctx: &CallContext,
        record: &Record,
        now: DateTime<Utc>,
        answer: fn(wpb::WorkItem, pb::LandRecord) -> A,
    ) -> Result<A> {
        dispatch_write!(self.journal, sql => record(ctx, record, now, answer))
    }

    /// Records a planning finding on the enterprise that `known`, one of its items, names.
    pub async fn record_finding(
        &self,
        ctx: &CallContext,
        finding: &PlanningFinding,
        known: &Item,
        now: DateTime<Utc>,
    ) -> Result<pb::LandRecord> {
        dispatch_write!(self.journal, sql => record_finding(ctx, finding, known, now))
    }

    /// The land record of the enterprise `id`.
    pub async fn land_record(&self, id: &str) -> Result<Option<LandView>> {
        dispatch!(self.journal.db(), sql => land_record(id))
    }

    /// A page of the land records `filter` selects, by enterprise id.
    pub async fn land_records(&self, filter: &LandFilter, page: &Page) -> Result<Vec<LandView>> {
        dispatch!(self.journal.db(), sql => land_records(filter, page))
    }
}
