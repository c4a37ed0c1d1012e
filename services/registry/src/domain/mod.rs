//! The registry's domain: pure rules with no database or gRPC, from which the service builds.
//!
//! Parsed types ([`CreditCode`], [`GeoPoint`], [`EnterpriseName`], [`Address`], [`Campaign`])
//! cannot hold an invalid value; the rules ([`suggest`], [`prefill`], [`merge_key`]) follow the
//! Huachuan plan as DESIGN §2 describes it.

pub mod campaign;
pub mod classification;
pub mod credit_code;
pub mod criteria;
pub mod finding;
pub mod geo;
pub mod lifecycle;
pub mod measures;
pub mod normalize;

pub use campaign::{
    Campaign, CampaignError, CatalogEntry, JURISDICTION, Milestones, Party, PartyKind,
};
pub use classification::{Category, Clause, Suggestion, suggest};
pub use credit_code::{CREDIT_CODE_LENGTH, CreditCode, CreditCodeError};
pub use criteria::{ApprovalKind, Approvals, Criteria};
pub use finding::{FindingSource, NewFinding, Operator};
pub use geo::{Bounds, GeoError, GeoPoint};
pub use lifecycle::{LifecycleState, Move};
pub use measures::{MeasureDraft, prefill};
pub use normalize::{
    ADDRESS_MAX_CHARS, Address, AddressError, ENTERPRISE_NAME_MAX_CHARS, EnterpriseName,
    EnterpriseNameError, merge_key,
};
