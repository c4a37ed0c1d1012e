//! The registry (台账): where the campaign starts. Townships and bureaus report
//! workshops; the office confirms, classifies, plans, publishes and signs off.

pub mod api;
pub mod app;
pub mod convert;
pub mod domain;
pub mod events;
pub mod store;

pub use app::{App, Registry};
