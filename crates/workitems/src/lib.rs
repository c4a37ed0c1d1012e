//! The work-item machinery every bureau service serves (DESIGN §2 "Work item", §3): written once
//! here, and served by utilities, licensing, land, safety and environment alike.
//!
//! For now the pure [`domain`]: the state machine, deadlines and overdue, evidence, and what a
//! plan change does to a service's items. Storage and the gRPC handlers build on it.

pub mod domain;
