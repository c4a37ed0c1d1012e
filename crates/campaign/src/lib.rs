//! What every rectify service and the launcher share about a campaign: the campaign itself as
//! data (its parties, milestones and measure catalog, with the service that executes each kind of
//! measure), the built-in Huachuan 2021 campaign, and the values that cross services: credit
//! codes, GPS positions, categories, approvals, operators, party kinds and service names.
//!
//! Parsed types ([`Campaign`], [`CreditCode`], [`GeoPoint`], [`Bounds`]) cannot hold an invalid
//! value. [`mask`] hides personal data from callers without the `pii` role; [`text`] removes the
//! invisible characters people paste into names.

mod approval;
mod campaign;
mod catalog;
mod category;
mod columns;
mod credit_code;
mod decimal;
mod error;
mod geo;
mod huachuan;
pub mod mask;
mod milestones;
mod operator;
mod party_kind;
mod service_name;
pub mod text;

pub use approval::ApprovalKind;
pub use campaign::{Campaign, Party};
pub use catalog::{CatalogEntry, JURISDICTION};
pub use category::Category;
pub use credit_code::{CREDIT_CODE_LENGTH, CreditCode, CreditCodeError};
pub use decimal::{Decimal3, DecimalError};
pub use error::CampaignError;
pub use geo::{Bounds, GeoError, GeoPoint};
pub use huachuan::HUACHUAN_2021;
pub use milestones::Milestones;
pub use operator::Operator;
pub use party_kind::PartyKind;
pub use service_name::ServiceName;
