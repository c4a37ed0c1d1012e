//! Machinery every rectify service shares, written once: configuration,
//! telemetry, hosting, authentication, storage on PostgreSQL and SQLite, the
//! change feed and audit chain, idempotency, and the error mapping.

pub mod auth;
pub mod backend;
pub mod caller;
pub mod clock;
pub mod config;
pub mod context;
pub mod db;
pub mod error;
pub mod filter;
pub mod follower;
pub mod host;
pub mod idempotency;
pub mod journal;
pub mod known;
pub mod page;
pub mod parse;
pub mod peer;
pub mod reason;
pub mod rpc;
pub mod scope;
pub mod service;
pub mod telemetry;
pub mod text;
pub mod tls;
pub mod write;

pub use context::CallContext;
pub use error::{Error, FieldViolation, Reason, Result};
pub use text::Text;
