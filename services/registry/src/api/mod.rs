//! The gRPC face of the registry: parse, authorise, call the store, mask.

mod import;
mod mask;
mod office;
mod parse;
mod policy;
mod service;

pub use service::RegistryApi;
