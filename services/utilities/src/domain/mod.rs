//! The utilities domain: pure rules with no database or gRPC.
//!
//! - [`cut`], [`report`], [`record`]: each request parsed into a command ([`WaterCut`],
//!   [`PowerCut`], [`ReconnectionReport`], [`MeterReadingSubmission`], [`Clearing`],
//!   [`WellClosure`]) in a [`ParseContext`], every bad field reported at once;
//! - [`identifier`]: meter, seal and account numbers, normalised;
//! - exact readings and quantities: [`Decimal3`] (shared, in `rectify-campaign`);
//! - [`executed`]: when work was executed, between the plan's publication and now;
//! - [`inventory`], [`well`]: what a clearing removed, how wells were closed;
//! - [`standing_order`]: the order a cut starts and the reconnections that break it;
//! - [`rebound`]: consumption since a power cut and when it suggests a rebound
//!   ([`assess_reading`]).

pub mod cut;
pub mod executed;
pub mod identifier;
pub mod inventory;
pub mod rebound;
pub mod record;
pub mod report;
pub mod request;
pub mod standing_order;
pub mod well;

pub use cut::{PowerCut, WaterCut};
pub use executed::{ExecutedAt, ExecutedAtError};
pub use identifier::{
    AccountNumber, IDENTIFIER_MAX_CHARS, IdentifierError, MeterNumber, SealNumber,
};
pub use inventory::{Disposal, InventoryLine, LineError, parse_lines};
pub use rebound::{
    Assessment, REBOUND_TOLERANCE, ReadingBelowCut, ReadingError, assess_reading,
    consumption_since_cut, is_rebound_suspected,
};
pub use record::{CLEARING_KINDS, Clearing, WellClosure};
pub use rectify_campaign::{Decimal3, DecimalError};
pub use report::{MeterReadingSubmission, MeterTarget, ReconnectionReport};
pub use request::ParseContext;
pub use standing_order::{
    Reconnection, ReconnectionError, ReportOutcome, StandingOrder, Utility, may_report_reconnection,
};
pub use well::{ClosureMethod, WellCount, WellError};

#[cfg(test)]
mod request_tests;
