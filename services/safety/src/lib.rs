//! The safety service (安全生产, plan §3(二)1): inspections of enterprises to be upgraded, the
//! hazards they find and their fixes; the `safety_check` work item completes once no major
//! hazard of the enterprise is left unfixed.
//!
//! [`app`] serves the work items it owns (`rectify-workitems`) and [`api`], its own methods,
//! which parse requests with the pure [`domain`], write through [`store`] and publish
//! [`events`].

pub mod api;
pub mod app;
pub mod domain;
pub mod events;
pub mod store;

pub use app::{App, Safety};
