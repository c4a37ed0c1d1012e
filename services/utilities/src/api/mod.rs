//! `rectify.utilities.v1.UtilitiesService`: requests parsed by the domain, the caller checked
//! against the work item, the write done by the store in one envelope.

mod access;
mod list;
mod service;

pub use service::UtilitiesApi;
