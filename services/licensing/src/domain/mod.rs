//! The licensing rules, without I/O: the seven approvals and where each stands ([`approval`]),
//! and the requests that change them, parsed once at the edge with every bad field reported at
//! once ([`request`]).

pub mod approval;
pub mod request;

pub use approval::{Approval, Grant, Revoked, Standing, Status};
pub use request::{ApprovalUpdate, Outcome, ParseContext, RevocationRecord};
