//! `rectifyctl`, the admin command line of rectify (docs/architecture.md): issuer keys,
//! tokens, following a service's change feed, verifying its audit chain, the dashboard's
//! users, and the containers' health probe.
//! `main.rs` only parses the command line and calls [`run`].

pub mod audit;
pub mod cli;
pub mod client;
pub mod dashboard_user;
pub mod events;
pub mod feed;
pub mod keys;
pub mod probe;
pub mod run;
pub mod tls;
pub mod token;

pub use audit::{AuditReport, verify_audit};
pub use cli::Cli;
pub use run::run;
