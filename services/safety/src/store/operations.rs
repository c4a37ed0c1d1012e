//! [`Store`]: the safety operations on whichever backend the service runs on.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Result, dispatch, dispatch_write};
use rectify_proto::safety::v1 as pb;

use super::filter::{HazardFilter, InspectionFilter};
use super::rows::{StoredHazard, StoredInspection};
use super::sql;
use crate::domain::{HazardFix, InspectionRecord};

/// The safety tables; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    journal: Journal,
}

impl Store {
    pub fn new(journal: Journal) -> Self {
        Self { journal }
    }

    /// Records an inspection and moves its item (see `sql::record_inspection`).
    pub async fn record_inspection(
        &self,
        ctx: &CallContext,
        record: &InspectionRecord,
        now: DateTime<Utc>,
    ) -> Result<pb::RecordInspectionResponse> {
        dispatch_write!(self.journal, sql => record_inspection(ctx, record, now))
    }

    /// Records a hazard fix and moves its item (see `sql::record_fix`).
    pub async fn record_fix(
        &self,
        ctx: &CallContext,
        fix: &HazardFix,
        now: DateTime<Utc>,
    ) -> Result<pb::RecordHazardFixResponse> {
        dispatch_write!(self.journal, sql => record_fix(ctx, fix, now))
    }

    /// The inspection `id` with its hazards.
    pub async fn inspection(
        &self,
        id: &str,
    ) -> Result<Option<(StoredInspection, Vec<StoredHazard>)>> {
        dispatch!(self.journal.db(), sql => inspection(id))
    }

    /// A page of inspections with their hazards.
    pub async fn inspections(
        &self,
        filter: &InspectionFilter,
        page: &Page,
    ) -> Result<Vec<(StoredInspection, Vec<StoredHazard>)>> {
        dispatch!(self.journal.db(), sql => inspections(filter, page))
    }

    /// A page of hazards.
    pub async fn hazards(&self, filter: &HazardFilter, page: &Page) -> Result<Vec<StoredHazard>> {
        dispatch!(self.journal.db(), sql => hazards(filter, page))
    }
}
