//! `rectify.land.v1.LandService`: requests parsed by the domain, the caller checked, the write
//! done by the store in one envelope.

mod access;
mod service;

pub use service::LandApi;
