//! The utilities service (两断三清, plan §3(二)3): water and power cuts and the standing orders
//! they start, reconnections, meter readings, clearings and well closures (DESIGN §3).
//!
//! [`app`] serves the work items it owns (`rectify-workitems`) and [`api`], its own methods,
//! which parse requests with the pure [`domain`], write through [`store`] and publish
//! [`events`].

pub mod api;
pub mod app;
pub mod domain;
pub mod events;
pub mod store;

pub use app::{App, Utilities};
