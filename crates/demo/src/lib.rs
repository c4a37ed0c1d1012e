//! The Huachuan demo campaign (`rectify up --demo`): a seeded generator of realistic workshops
//! and reports, and a loader that sends them through the services' gRPC APIs, only when the
//! registry is empty. The loader takes plain channels and tokens, so anything that has started
//! the services (the launcher, a test) can load the demo.

mod criteria;
mod findings;
mod generate;
mod identity;
mod industries;
mod load;
mod names;
mod people;
mod rng;
mod utilities;

pub use findings::DemoFinding;
pub use generate::{DemoEnterprise, ENTERPRISE_COUNT, Override, PlanEdit, SEED, generate};
pub use load::{Channels, DemoOutcome, DemoSummary, load};
pub use rng::Rng;
pub use utilities::UtilitiesSummary;
