//! The coordinator (协调与督导, docs/architecture.md "The coordinator"): owns nothing but
//! projections. [`follow`] applies every change of the registry's and the bureau services'
//! feeds to the projection ([`store`]) with the pure rules of [`domain`] (what a change means,
//! the completion rule, the counters' differences); [`api`] serves summaries, progress,
//! timelines, overdue items, supervision, rebounds, the live summary stream, the office's
//! sign-off and the audit anchors; [`reflect`] reads any event from the descriptor set.

pub mod api;
pub mod app;
pub mod domain;
pub mod follow;
pub mod reflect;
pub mod store;

pub use app::{App, Coordinator};
