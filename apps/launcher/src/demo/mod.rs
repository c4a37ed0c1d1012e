//! The Huachuan demo campaign of `rectify up --demo`: a seeded generator of realistic workshops
//! and reports, loaded through the registry's gRPC API only when the registry is empty.

mod criteria;
mod findings;
mod generate;
mod identity;
mod industries;
mod load;
mod names;
mod people;
mod rng;

pub use findings::DemoFinding;
pub use generate::{DemoEnterprise, ENTERPRISE_COUNT, Override, PlanEdit, SEED, generate};
pub use load::{DemoOutcome, DemoSummary, load};
