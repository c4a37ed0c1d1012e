//! The Huachuan demo campaign (`rectify up --demo`): a seeded generator of realistic workshops
//! and reports, and a loader that sends them through the services' gRPC APIs, only when the
//! registry is empty: the townships report, the office decides and publishes, then every bureau
//! does its part through its own service on its own day (`rectification`: one module per
//! service on the shared machinery of `progress`). The loader takes plain channels and tokens,
//! so anything that has started the services (the launcher, a test) can load the demo.

mod criteria;
mod environment;
mod findings;
mod generate;
mod identity;
mod industries;
mod land;
mod licensing;
mod load;
mod names;
mod people;
mod progress;
mod rectification;
mod rng;
mod safety;
mod utilities;

pub use environment::{EnvironmentFigures, EnvironmentSummary, REBOUNDS};
pub use findings::DemoFinding;
pub use generate::{DemoEnterprise, ENTERPRISE_COUNT, Override, PlanEdit, SEED, generate};
pub use land::{LandFigures, LandSummary};
pub use licensing::{LicensingFigures, LicensingSummary};
pub use load::{Channels, DemoOutcome, DemoSummary, load};
pub use progress::{BureauSummary, Figure, ItemCounts, Labelled, ServiceLine};
pub use rectification::Rectification;
pub use rng::Rng;
pub use safety::{SafetyFigures, SafetySummary};
pub use utilities::{UtilitiesFigures, UtilitiesSummary};
