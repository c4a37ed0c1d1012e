//! `rectify.licensing.v1.LicensingService`: requests parsed by the domain, the caller checked
//! against the approval's bureau or the work item, the write done by the store in one envelope.

mod access;
mod service;

pub use service::LicensingApi;
