//! The projection's rows as sqlx reads them on either backend, and their domain values.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_kit::{Error, Result};

use crate::domain::{EnterpriseRow, Finding, Item, Metrics, Status};

/// A date column (`YYYY-MM-DD`).
pub fn parse_date(what: &str, row: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|e| Error::corrupt(what, row, e))
}

/// A metrics column (JSON object).
pub fn parse_metrics(row: &str, value: &str) -> Result<Metrics> {
    serde_json::from_str(value).map_err(|e| Error::corrupt("metrics", row, e))
}

/// `enterprises`, every column.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EnterpriseRecord {
    pub id: String,
    pub display_name: String,
    pub jurisdiction: String,
    pub category: i32,
    pub state: i32,
    pub round: i32,
    pub reopen_count: i32,
    pub sign_off_at: Option<DateTime<Utc>>,
    pub last_patrol_at: Option<DateTime<Utc>>,
    pub last_suspicion_at: Option<DateTime<Utc>>,
    pub measures: i32,
    pub measures_complete: i32,
    pub complete: bool,
    pub ready: bool,
    pub due_date: Option<String>,
    pub reported_late: bool,
    pub discrepancy: bool,
    pub patrol_due_date: Option<String>,
    pub suspected: bool,
    pub metrics: String,
}

/// The column list of [`EnterpriseRecord`].
pub const ENTERPRISE_COLUMNS: &str = "id, display_name, jurisdiction, category, state, round, \
    reopen_count, sign_off_at, last_patrol_at, last_suspicion_at, measures, measures_complete, \
    complete, ready, due_date, reported_late, discrepancy, patrol_due_date, suspected, metrics";

impl EnterpriseRecord {
    pub fn row(&self) -> EnterpriseRow {
        EnterpriseRow {
            id: self.id.clone(),
            display_name: self.display_name.clone(),
            jurisdiction: self.jurisdiction.clone(),
            category: self.category,
            state: self.state,
            round: self.round,
            reopen_count: self.reopen_count,
            sign_off_at: self.sign_off_at,
            last_patrol_at: self.last_patrol_at,
            last_suspicion_at: self.last_suspicion_at,
        }
    }

    pub fn status(&self) -> Result<Status> {
        let date = |v: &Option<String>| {
            v.as_deref()
                .map(|d| parse_date("date", &self.id, d))
                .transpose()
        };
        Ok(Status {
            known: self.state != 0,
            measures: self.measures,
            measures_complete: self.measures_complete,
            complete: self.complete,
            ready: self.ready,
            due: date(&self.due_date)?,
            reported_late: self.reported_late,
            discrepancy: self.discrepancy,
            patrol_due: date(&self.patrol_due_date)?,
            suspected: self.suspected,
        })
    }
}

/// `items`, every column.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ItemRecord {
    pub service: String,
    pub name: String,
    pub enterprise_id: String,
    pub jurisdiction: String,
    pub measure_id: String,
    pub round: i32,
    pub kind: String,
    pub executor: String,
    pub deadline: String,
    pub state: i32,
    pub needs_verification: bool,
    pub complete: bool,
    pub is_open: bool,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub metrics: String,
}

/// The column list of [`ItemRecord`].
pub const ITEM_COLUMNS: &str = "service, name, enterprise_id, jurisdiction, measure_id, round, \
    kind, executor, deadline, state, needs_verification, complete, is_open, created_at, done_at, \
    metrics";

impl ItemRecord {
    pub fn item(&self) -> Result<Item> {
        Ok(Item {
            service: self.service.clone(),
            name: self.name.clone(),
            enterprise_id: self.enterprise_id.clone(),
            jurisdiction: self.jurisdiction.clone(),
            measure_id: self.measure_id.clone(),
            round: self.round,
            kind: self.kind.clone(),
            executor: self.executor.clone(),
            deadline: parse_date("deadline", &self.name, &self.deadline)?,
            state: self.state,
            needs_verification: self.needs_verification,
            created_at: self.created_at,
            done_at: self.done_at,
        })
    }
}

/// `findings`, as the status needs them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FindingRecord {
    pub reporter: String,
    pub source: i32,
    pub reported_at: DateTime<Utc>,
}

impl FindingRecord {
    pub fn finding(&self) -> Finding {
        Finding {
            reporter: self.reporter.clone(),
            source: self.source,
            reported_at: self.reported_at,
        }
    }
}

/// `timeline`, every column.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TimelineRecord {
    pub source: String,
    pub seq: i64,
    pub enterprise_id: String,
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub resource: String,
    pub type_url: String,
    pub event: Vec<u8>,
}

/// `feed_heads`, every column.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HeadRecord {
    pub source: String,
    pub seq: i64,
    pub hash: String,
    pub recorded_at: Option<DateTime<Utc>>,
}

/// One counter.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CounterRecord {
    pub scope_key: String,
    pub metric: String,
    pub value: i64,
}
