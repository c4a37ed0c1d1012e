//! The utilities service (两断三清, plan §3(二)3): water and power cuts and the standing orders
//! they start, reconnections, meter readings, clearings and well closures (DESIGN §3).
//!
//! [`app`] serves the work items it owns (`rectify-workitems`); its own methods build on the
//! pure [`domain`].

pub mod app;
pub mod domain;

pub use app::{App, Utilities};
