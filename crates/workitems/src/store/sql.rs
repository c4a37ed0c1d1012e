//! The work-item SQL, compiled for each backend: the operations inside a caller's transaction
//! (what the follower's effects, the `WorkItemService` scripts and a bureau service's own
//! methods call; see [`ItemTx`](super::ItemTx) for calling them from a per-backend query file),
//! and the reads of `GetWorkItem` and `ListWorkItems`.

use rectify_kit::Result;
use rectify_kit::journal::NewChange;
use rectify_kit::page::Page;
use rectify_proto::workitems::v1 as pb;

use super::columns::{ItemRow, Parties, StateCode, round_column, stored_state};
use super::filter::ItemFilter;
use super::item::{Item, Step, Transition};

rectify_kit::per_backend!("sql/queries.rs");
