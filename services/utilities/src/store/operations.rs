//! [`Store`]: the utilities operations on whichever backend the service runs on.

use chrono::{DateTime, Utc};
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Result, dispatch, dispatch_write};
use rectify_proto::utilities::v1 as pb;
use rectify_proto::workitems::v1 as wpb;

use super::commands::{OrderFilter, Record};
use super::order::{Order, StoredReconnection};
use super::sql;
use crate::domain::{MeterReadingSubmission, ReconnectionReport};

/// The utilities tables; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    journal: Journal,
}

impl Store {
    pub fn new(journal: Journal) -> Self {
        Self { journal }
    }

    /// Completes the item `record` names and records its facts (see `sql::record`); the
    /// answer is built by `answer` from the item and, for a cut, its standing order.
    pub async fn record<A: prost::Message + Default>(
        &self,
        ctx: &CallContext,
        record: &Record,
        now: DateTime<Utc>,
        answer: fn(wpb::WorkItem, Option<pb::StandingOrder>) -> A,
    ) -> Result<A> {
        dispatch_write!(self.journal, sql => record(ctx, record, now, answer))
    }

    /// Appends a reconnection report to the order of the item it names.
    pub async fn report_reconnection(
        &self,
        ctx: &CallContext,
        report: &ReconnectionReport,
        now: DateTime<Utc>,
    ) -> Result<pb::StandingOrder> {
        dispatch_write!(self.journal, sql => report_reconnection(ctx, report, now))
    }

    /// Records a reading of the meter cut on item `id`.
    pub async fn submit_reading(
        &self,
        ctx: &CallContext,
        id: &str,
        submission: &MeterReadingSubmission,
        now: DateTime<Utc>,
    ) -> Result<pb::SubmitMeterReadingResponse> {
        dispatch_write!(self.journal, sql => submit_reading(ctx, id, submission, now))
    }

    /// The order of the cut item `id` with the reconnections of its cut.
    pub async fn order(&self, id: &str) -> Result<Option<(Order, Vec<StoredReconnection>)>> {
        dispatch!(self.journal.db(), sql => order(id))
    }

    /// The cut item of the newest order of the power account `account`.
    pub async fn account_item(&self, account: &str) -> Result<Option<String>> {
        dispatch!(self.journal.db(), sql => account_item(account))
    }

    /// A page of the orders `filter` selects, newest cut first.
    pub async fn orders(&self, filter: &OrderFilter, page: &Page) -> Result<Vec<Order>> {
        dispatch!(self.journal.db(), sql => orders(filter, page))
    }
}
