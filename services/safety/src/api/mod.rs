//! `rectify.safety.v1.SafetyService`: requests parsed by the domain, the write done by the
//! store in one envelope (which checks the caller against the work item).

mod list;
mod service;

pub use service::SafetyApi;
