//! The registry's domain: pure rules with no database or gRPC, from which the service builds.
//!
//! Parsed types ([`CreditCode`], [`GeoPoint`], [`EnterpriseName`], [`Address`], [`Campaign`])
//! cannot hold an invalid value; the rules ([`suggest`], [`prefill`], [`merge_key`]) follow the
//! Huachuan plan, 桦政办规〔2021〕3号 (docs/architecture.md). The campaign and the values other services share
//! live in the `rectify-campaign` crate and are re-exported here.

pub mod classification;
pub mod criteria;
pub mod finding;
pub mod lifecycle;
pub mod measures;
pub mod normalize;

pub use classification::{Clause, Suggestion, suggest};
pub use criteria::{Approvals, Criteria};
pub use finding::{FindingSource, NewFinding};
pub use lifecycle::{LifecycleState, Move};
pub use measures::{MeasureDraft, prefill};
pub use normalize::{
    ADDRESS_MAX_CHARS, Address, AddressError, ENTERPRISE_NAME_MAX_CHARS, EnterpriseName,
    EnterpriseNameError, merge_key,
};
pub use rectify_campaign::{
    ApprovalKind, Bounds, CREDIT_CODE_LENGTH, Campaign, CampaignError, CatalogEntry, Category,
    CreditCode, CreditCodeError, GeoError, GeoPoint, JURISDICTION, Milestones, Operator, Party,
};
