//! The environment service's own tables (`migrations/`, versions 1000 and up) beside the work
//! items of `rectify-workitems` in the same database: monitorings, facilities, outlet checks,
//! patrols and the rebound suspicions followed from utilities. Every write runs in one write
//! envelope (`rectify_kit::write`).

mod patrols;
pub mod sql;

pub use patrols::PatrolHistory;
pub use sql::{postgres as pg_sql, sqlite as sqlite_sql};
