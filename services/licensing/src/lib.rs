//! The licensing service (审批手续, plan §1(二), §3(二)): the seven approvals of each enterprise,
//! each set by the bureau that grants it, and the licence and water-permit revocations a closure
//! needs (DESIGN §3).
//!
//! [`app`] serves the work items it owns (`rectify-workitems`) and [`api`], its own methods,
//! which parse requests with the pure [`domain`], write through [`store`] and publish
//! [`events`]; [`follow`] keeps what the registry's findings reported of each approval.

pub mod api;
pub mod app;
pub mod domain;
pub mod events;
pub mod follow;
pub mod store;

pub use app::{App, Licensing};
