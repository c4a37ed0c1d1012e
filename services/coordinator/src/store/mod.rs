//! The projection's tables (`migrations/`, versions 1000 and up): enterprises with their
//! derived status, plan measures, items, findings, counters, the timeline and the audit anchors.
//! [`Store`] reads them for the API on whichever backend the service runs on; the follower
//! writes them through [`sql::project`].

pub mod filter;
pub mod rows;
pub mod sql;

use rectify_kit::db::Db;
use rectify_kit::{Result, dispatch};

pub use filter::{EnterpriseFilter, ItemFilter};
pub use rows::{
    CounterRecord, EnterpriseRecord, FindingRecord, HeadRecord, ItemRecord, TimelineRecord,
};

/// The projection's reads; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
}

impl Store {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub async fn counters(&self, scope: &str, key: Option<&str>) -> Result<Vec<CounterRecord>> {
        dispatch!(&self.db, sql::read => counters(scope, key))
    }

    pub async fn enterprise(&self, id: &str) -> Result<Option<EnterpriseRecord>> {
        dispatch!(&self.db, sql::read => enterprise(id))
    }

    pub async fn items_of(&self, id: &str, round: i32) -> Result<Vec<ItemRecord>> {
        dispatch!(&self.db, sql::read => items_of(id, round))
    }

    pub async fn findings_of(&self, id: &str) -> Result<Vec<FindingRecord>> {
        dispatch!(&self.db, sql::read => findings_of(id))
    }

    pub async fn enterprises(
        &self,
        filter: &EnterpriseFilter,
        after: &str,
        limit: i64,
    ) -> Result<Vec<EnterpriseRecord>> {
        dispatch!(&self.db, sql::read => enterprises(filter, after, limit))
    }

    pub async fn timeline(&self, id: &str, offset: i64, limit: i64) -> Result<Vec<TimelineRecord>> {
        dispatch!(&self.db, sql::read => timeline(id, offset, limit))
    }

    pub async fn overdue_items(
        &self,
        filter: &ItemFilter,
        after: (&str, &str, &str),
        limit: i64,
    ) -> Result<Vec<ItemRecord>> {
        dispatch!(&self.db, sql::read => overdue_items(filter, after, limit))
    }

    /// Signs the enterprise `id` off through `registry` for the office caller of `ctx`.
    pub async fn sign_off(
        &self,
        journal: &rectify_kit::journal::Journal,
        ctx: &rectify_kit::CallContext,
        id: &str,
        note: &str,
        registry: &rectify_kit::peer::Peer,
    ) -> Result<rectify_proto::coordinator::v1::SignOffEnterpriseResponse> {
        dispatch!(&self.db, sql::sign_off => sign_off(journal, ctx, id, note, registry))
    }

    pub async fn heads(&self, source: Option<&str>) -> Result<Vec<HeadRecord>> {
        dispatch!(&self.db, sql::read => heads(source))
    }
}
