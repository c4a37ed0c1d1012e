//! The coordinator's gRPC API: who reads what ([`access`]), requests parsed at the edge
//! ([`request`]), summaries from the counters ([`summary`]), rows as messages ([`convert`]),
//! the live summary stream ([`watch`]), the registry called for sign-off ([`registry`]) and the
//! service itself ([`service`]).

pub mod access;
pub mod convert;
pub mod registry;
pub mod request;
pub mod service;
pub mod summary;
pub mod watch;

pub use service::CoordinatorApi;
