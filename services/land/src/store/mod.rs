//! The land service's own tables (`migrations/`, versions 1000 and up): one land record per
//! enterprise, its planning findings, and what completed its relocation_plot, demolition and
//! site_remediation items, beside the work items of `rectify-workitems` in the same database.
//! Every write runs inside one write envelope (`rectify_kit::write`).

pub mod answer;
pub mod sql;
pub mod view;

use chrono::{DateTime, Utc};

pub use answer::RecordAnswer;
pub use view::{LandFilter, LandView, record_id, record_name};

/// `at` at the precision both databases keep (microseconds), so that an answer shows the times
/// a later read will.
pub fn stored(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}
