//! The licensing service's own tables (`migrations/`, versions 1000 and up): `approvals`, where
//! each approval of an enterprise stands as its bureau recorded it, and `revocations`, beside the
//! work items of `rectify-workitems` in the same database. Every write goes through one write
//! envelope (`rectify_kit::write`); a grant or a revocation completes its work item inside it.

mod enterprise;
pub mod matrix;
pub mod rows;
pub mod sql;

pub use enterprise::Enterprise;
pub use matrix::{Entry, Matrix};
pub use rows::{ReportedApproval, StoredApproval};
pub use sql::{postgres as pg_sql, sqlite as sqlite_sql};
