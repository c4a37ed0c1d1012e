//! The environment service (污染防治与巡查, DESIGN §3): pollution control, discharge
//! monitoring, sewage outlet checks and rebound patrols of closed enterprises.
//!
//! [`app`] serves the work items it owns (`rectify-workitems`) and [`api`], its own methods,
//! which parse requests with the pure [`domain`], write through [`store`], publish [`events`]
//! and reopen rebounds in the registry ([`api::reopen`]); [`follow`] turns utilities' rebound
//! suspicions into due patrols.

pub mod api;
pub mod app;
pub mod domain;
pub mod events;
pub mod follow;
pub mod store;

pub use app::{App, Environment};
