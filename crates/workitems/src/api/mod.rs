//! `rectify.workitems.v1.WorkItemService`, served by every bureau service for the items it owns:
//! parse at the edge, authorise, run the transaction script, answer with the item.
//!
//! Reading: a jurisdiction sees only the items of enterprises in its own territory (another's
//! is PERMISSION_DENIED, and its lists are limited to its own); bureaus, the office,
//! supervision and services see every item. Moving: the state machine decides who may
//! (`domain::state`): the executor starts, completes, blocks and unblocks, the verifier
//! verifies and rejects, the office waives.

mod list;
mod service;

pub use service::WorkItemApi;
