//! The environment service's pure rules: requests parsed into domain values ([`request`]),
//! measured values ([`Measure`]) and when a closed enterprise is due for a patrol ([`due`]).

pub mod due;
mod measure;
pub mod request;

pub use due::{DueState, due_state};
pub use measure::{Measure, MeasureError, Unit};
pub use request::{Monitoring, OutletCheck, ParseContext, PatrolReport, PollutionControl};

/// The item kinds this service executes.
pub const POLLUTION_UPGRADE: &str = "pollution_upgrade";
pub const DAILY_SUPERVISION: &str = "daily_supervision";
pub const INTERIM_COMPLIANCE: &str = "interim_compliance";
pub const REBOUND_PATROL: &str = "rebound_patrol";

/// The kinds completed only through `EnvironmentService`'s own methods.
pub const RECORDED_THROUGH_SERVICE: &[&str] = &[POLLUTION_UPGRADE, REBOUND_PATROL];

/// The kinds a monitoring or an outlet check may be recorded on.
pub const MONITORED_KINDS: &[&str] = &[POLLUTION_UPGRADE, DAILY_SUPERVISION, INTERIM_COMPLIANCE];
