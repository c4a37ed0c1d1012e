//! The utilities service's own tables (`migrations/`, versions 1000 and up): standing orders
//! with their reconnections and meter readings, clearings and well closures, beside the work
//! items of `rectify-workitems` in the same database. Every write completes or reports on a
//! work item inside one write envelope (`rectify_kit::write`).

pub mod columns;
pub mod commands;
pub mod order;
pub mod sql;

use chrono::{DateTime, Utc};

pub use commands::{OrderFilter, OrderKey, Record};
pub use order::{Order, StoredReconnection, Supply, order_name};

/// `at` at the precision both databases keep (microseconds), so that an answer shows the times
/// a later read will.
pub fn stored(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}
