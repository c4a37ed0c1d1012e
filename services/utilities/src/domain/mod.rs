//! The utilities domain: pure rules with no database or gRPC.
//!
//! - [`identifier`]: meter, seal and account numbers, normalised;
//! - [`decimal`]: exact readings and quantities ([`Decimal3`]);
//! - [`executed`]: when work was executed, between the plan's publication and now;
//! - [`inventory`], [`well`]: what a clearing removed, how wells were closed;
//! - [`standing_order`]: the order a cut starts and the reconnections that break it;
//! - [`rebound`]: consumption since a power cut and when it suggests a rebound.

pub mod decimal;
pub mod executed;
pub mod identifier;
pub mod inventory;
pub mod rebound;
pub mod standing_order;
pub mod well;

pub use decimal::{Decimal3, DecimalError};
pub use executed::{ExecutedAt, ExecutedAtError};
pub use identifier::{
    AccountNumber, IDENTIFIER_MAX_CHARS, IdentifierError, MeterNumber, SealNumber,
};
pub use inventory::{Disposal, InventoryLine, LineError, parse_lines};
pub use rebound::{
    REBOUND_TOLERANCE, ReadingBelowCut, consumption_since_cut, is_rebound_suspected,
};
pub use standing_order::{
    Reconnection, ReconnectionError, ReportOutcome, StandingOrder, Utility, may_report_reconnection,
};
pub use well::{ClosureMethod, WellCount, WellError};
