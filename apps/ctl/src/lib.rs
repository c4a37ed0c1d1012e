//! `rectifyctl`, the admin command line of rectify (docs/architecture.md): issuer keys,
//! tokens, following a service's change feed, verifying its audit chain, and the dashboard's
//! users.
//! `main.rs` only parses the command line and calls [`run`].

pub mod audit;
pub mod cli;
pub mod client;
pub mod dashboard_user;
pub mod events;
pub mod feed;
pub mod keys;
pub mod run;
pub mod tls;
pub mod token;

pub use audit::{AuditReport, verify_audit};
pub use cli::Cli;
pub use run::run;
