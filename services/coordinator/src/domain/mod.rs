//! The coordinator's pure domain: what a change on a followed feed means ([`fact`]), the
//! completion rule and the rest of an enterprise's derived status ([`status`]), and the
//! counters kept incrementally from them ([`metrics`]).

pub mod fact;
pub mod metrics;
pub mod sign_off;
pub mod status;

pub use fact::{EnterpriseFacts, Fact, ItemFacts, Measure};
pub use metrics::{Metrics, Scope};
pub use status::{EnterpriseRow, Finding, Item, Status};
