//! The land domain: pure rules with no database or gRPC.
//!
//! - [`area`]: areas in square metres, exact and greater than zero ([`Area`]);
//! - [`finding`]: the land bureau's planning finding on an enterprise ([`PlanningFinding`]);
//! - [`record`]: each `Record*` request that completes a work item parsed into a [`Record`]
//!   (a plot, a demolition, a remediation), every bad field reported at once.

pub mod area;
pub mod finding;
pub mod record;

pub use area::{Area, AreaError};
pub use finding::{Conformity, PlanningFinding};
pub use record::{Demolition, Facts, Record, RelocationPlot, SiteRemediation};

/// Longest reference to a document (a finding's basis, an assessment report), park name.
pub const REFERENCE_MAX_CHARS: usize = 100;

/// Longest plot number.
pub const PLOT_NUMBER_MAX_CHARS: usize = 64;
