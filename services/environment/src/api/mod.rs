//! `rectify.environment.v1.EnvironmentService`: requests parsed by the domain, the caller
//! checked against the work item, the write done by the store in one envelope; a rebound found
//! is then reopened in the registry ([`reopen`]).

mod access;
mod due;
pub mod reopen;
mod service;

pub use service::EnvironmentApi;
