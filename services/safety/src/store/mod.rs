//! The safety service's own tables (`migrations/`, versions 1000 and up): inspections and the
//! hazards they found, beside the work items of `rectify-workitems` in the same database. Every
//! write records its facts and moves the `safety_check` item inside one write envelope
//! (`rectify_kit::write`).

mod filter;
pub mod rows;
pub mod sql;

pub use filter::{HazardFilter, HazardKey, InspectionFilter};
pub use rows::{StoredHazard, StoredInspection};
