//! [`ItemTx`]: the in-transaction work-item operations as methods of a transaction, so that a
//! query file compiled for both backends (`rectify_kit::per_backend!`) calls the right
//! backend's functions (`store::sql::{postgres, sqlite}`) without naming it.

use std::future::Future;

use chrono::{DateTime, Utc};
use rectify_kit::journal::NewChange;
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::workitems::v1 as pb;

use super::item::{Item, Step, Transition, item_name};
use super::sql;
use crate::domain::{Action, Evidence, Note};

/// Work-item operations inside a transaction on either backend.
pub trait ItemTx {
    /// The item `id`, locked until the transaction ends; `None` when there is none.
    fn item_for_update(&mut self, id: &str) -> impl Future<Output = Result<Option<Item>>> + Send;

    /// Every item of the enterprise, all rounds, locked, oldest first.
    fn enterprise_items_for_update(
        &mut self,
        enterprise_id: &str,
    ) -> impl Future<Output = Result<Vec<Item>>> + Send;

    /// The item's history, oldest first.
    fn history(&mut self, id: &str) -> impl Future<Output = Result<Vec<pb::Step>>> + Send;

    /// Inserts a new item with its creation step.
    fn insert_item(&mut self, item: &Item, step: &Step) -> impl Future<Output = Result<()>> + Send;

    /// Writes the item's mutable columns and appends `step` at its new version.
    fn save_step(&mut self, item: &Item, step: &Step) -> impl Future<Output = Result<()>> + Send;

    /// Applies `transition` to `item`: permission and state checked, row and step written;
    /// returns the typed event to record.
    fn apply(
        &mut self,
        item: &mut Item,
        transition: &Transition,
    ) -> impl Future<Output = Result<NewChange>> + Send;

    /// The item `id`, locked until the transaction ends; NOT_FOUND when there is none.
    fn existing_for_update(&mut self, id: &str) -> impl Future<Output = Result<Item>> + Send
    where
        Self: Send,
    {
        async move {
            self.item_for_update(id)
                .await?
                .ok_or_else(|| Error::not_found(("工作事项", "work item"), &item_name(id)))
        }
    }

    /// The item a bureau's own method `method` records on, locked until the transaction ends:
    /// NOT_FOUND when there is none, INVALID_ARGUMENT when it is not of one of `kinds`, ABORTED
    /// when `etag` is stale.
    fn recorded_for_update(
        &mut self,
        id: &str,
        kinds: &[&str],
        method: &str,
        etag: &str,
    ) -> impl Future<Output = Result<Item>> + Send
    where
        Self: Send,
    {
        async move {
            let item = self.existing_for_update(id).await?;
            item.check_kind(kinds, method)?;
            item.check_etag(etag)?;
            Ok(item)
        }
    }

    /// Completes `item` as the caller of `ctx` at `now` with `evidence`: what a bureau's own
    /// method does to the item its facts complete. Returns the typed event to record.
    fn complete(
        &mut self,
        ctx: &CallContext,
        item: &mut Item,
        evidence: Option<Evidence>,
        now: DateTime<Utc>,
    ) -> impl Future<Output = Result<NewChange>> + Send
    where
        Self: Send,
    {
        async move {
            let transition = Transition::by(ctx, Action::Complete, evidence, Note::default(), now);
            self.apply(item, &transition).await
        }
    }
}

macro_rules! item_tx {
    ($db:ty, $backend:ident) => {
        impl ItemTx for sqlx::Transaction<'_, $db> {
            async fn item_for_update(&mut self, id: &str) -> Result<Option<Item>> {
                sql::$backend::item_for_update(self, id).await
            }

            async fn enterprise_items_for_update(
                &mut self,
                enterprise_id: &str,
            ) -> Result<Vec<Item>> {
                sql::$backend::enterprise_items_for_update(self, enterprise_id).await
            }

            async fn history(&mut self, id: &str) -> Result<Vec<pb::Step>> {
                sql::$backend::history(self, id).await
            }

            async fn insert_item(&mut self, item: &Item, step: &Step) -> Result<()> {
                sql::$backend::insert_item(self, item, step).await
            }

            async fn save_step(&mut self, item: &Item, step: &Step) -> Result<()> {
                sql::$backend::save_step(self, item, step).await
            }

            async fn apply(
                &mut self,
                item: &mut Item,
                transition: &Transition,
            ) -> Result<NewChange> {
                sql::$backend::apply(self, item, transition).await
            }
        }
    };
}

item_tx!(sqlx::Postgres, postgres);
item_tx!(sqlx::Sqlite, sqlite);
