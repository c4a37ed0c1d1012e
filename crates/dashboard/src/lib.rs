//! The office's dashboard (port 8080): server-rendered pages in Chinese over axum, with
//! everything they need (styles, script, charts) compiled into the binary, since the county
//! intranet has no internet.
//!
//! What it holds of its own is the secure web shell a county security review (MLPS level 3)
//! checks: users with argon2id passwords and a password policy, lockout after repeated
//! failures, sessions with an idle timeout in an `HttpOnly; SameSite=Strict` cookie, a CSRF
//! token in every form, and an audit of every login. Its other pages read other services: the
//! public list reads the registry's `ListPublicPlans`; live updates come over a broadcast
//! channel ([`LiveEvents`]).
//!
//! A host runs it with [`serve`] on a bound listener (the launcher on port 8080); the
//! coordinator's binary serves it beside its gRPC port through [`args::DashboardArgs`]. The
//! progress pages read the coordinator ([`coordinator::CoordinatorClient`]), and a task follows
//! its `WatchProgress` stream into the live updates ([`live_feed`]).

pub mod args;
pub mod assets;
pub mod authenticate;
pub mod chart;
mod client_address;
pub mod config;
mod cookie;
pub mod coordinator;
pub mod csrf;
pub mod import;
pub mod layout;
pub mod ledger;
pub mod live;
pub mod live_feed;
pub mod password;
pub mod public_list;
pub mod render;
mod routes;
pub mod secret;
mod security_headers;
pub mod serve;
pub mod session;
pub mod state;
pub mod store;
mod unreachable;
pub mod users;
pub mod views;

pub use config::DashboardConfig;
pub use live::{LiveEvents, LiveUpdate};
pub use serve::{app, serve};
pub use store::{MIGRATIONS_POSTGRES, MIGRATIONS_SQLITE, NewUser, Role, Store, User};

/// The dashboard's port when none is chosen.
pub const DEFAULT_PORT: u16 = 8080;
