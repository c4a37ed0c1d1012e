//! [`Store`]: the `WorkItemService` operations on whichever backend the service runs on.

use chrono::{DateTime, Utc};
use rectify_kit::idempotency::retrying_once;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, Result, dispatch};
use rectify_proto::workitems::v1 as pb;

use super::filter::ItemFilter;
use super::item::{Item, item_name};
use super::{scripts, sql};
use crate::domain::Command;

/// A service's work items; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    journal: Journal,
}

impl Store {
    pub fn new(journal: Journal) -> Self {
        Self { journal }
    }

    /// The item `id` with its history.
    pub async fn item(&self, id: &str) -> Result<Option<(Item, Vec<pb::Step>)>> {
        dispatch!(self.journal.db(), sql => item(id))
    }

    /// The item `id` alone (one row, no history), or NOT_FOUND: what a bureau's own method
    /// reads before its write.
    pub async fn existing(&self, id: &str) -> Result<Item> {
        dispatch!(self.journal.db(), sql => item_alone(id))?
            .ok_or_else(|| Error::not_found(("工作事项", "work item"), &item_name(id)))
    }

    /// The item `id` alone (one row, no history).
    pub async fn find(&self, id: &str) -> Result<Option<Item>> {
        dispatch!(self.journal.db(), sql => item_alone(id))
    }

    /// A page of the items `filter` selects, newest first.
    pub async fn items(&self, filter: &ItemFilter, page: &Page) -> Result<Vec<Item>> {
        dispatch!(self.journal.db(), sql => items(filter, page))
    }

    /// Moves an item as `command` asks (see `scripts::*::move_item`).
    pub async fn move_item(
        &self,
        ctx: &CallContext,
        command: &Command,
        recorded_through: &[&str],
        now: DateTime<Utc>,
    ) -> Result<pb::WorkItem> {
        let journal = &self.journal;
        retrying_once(|| async {
            dispatch!(journal.db(), scripts => move_item(journal, ctx, command, recorded_through, now))
        })
        .await
    }
}
