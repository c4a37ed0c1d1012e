//! The land service (用地与场地, plan §3(二)2 and §3(二)3): the land bureau's planning
//! findings, and the plots, demolitions and site remediations that complete the relocation and
//! closure measures it owns (DESIGN §3).
//!
//! [`app`] serves the work items it owns (`rectify-workitems`) and [`api`], its own methods,
//! which parse requests with the pure [`domain`], write through [`store`] and publish
//! [`events`].

pub mod api;
pub mod app;
pub mod domain;
pub mod events;
pub mod store;

pub use app::{App, Land};
