//! Work items in a bureau service's own database (migrations in `crates/workitems/migrations`,
//! versions 100–199): `work_items`, one row per (enterprise, measure, round), and
//! `work_item_steps`, every change of an item, appended in the same transaction; plus the
//! follower's `enterprise_rounds`.
//!
//! # Completing an item inside a bureau service's own method
//!
//! A bureau service's own RPC (e.g. `UtilitiesService.RecordWaterCut`) records its facts and
//! completes the item in one write envelope. In its query file, compiled for both backends with
//! `rectify_kit::per_backend!`, the [`ItemTx`] methods call this crate's SQL for the same backend:
//!
//! ```ignore
//! use rectify_workitems::store::{ItemTx as _, Transition, item_name};
//! use rectify_workitems::domain::{Action, Note};
//!
//! let mut write = rectify_kit::begin_write!(pool, journal, ctx);
//! let tx = write.tx();
//! let mut item = tx
//!     .item_for_update(id)
//!     .await?
//!     .ok_or_else(|| Error::not_found(("工作事项", "work item"), &item_name(id)))?;
//! item.check_etag(&etag)?;                          // stale → ABORTED
//! // … the bureau's own checks on `item.terms.kind`, its own rows …
//! let step = Transition::by(ctx, Action::Complete, Some(evidence), Note::default(), now);
//! let change = tx.apply(&mut item, &step).await?;   // NOT_EXECUTOR, ILLEGAL_TRANSITION, …
//! write.record_change(change);                      // WorkItemCompleted
//! write.record(resource, &own_event);               // e.g. WaterCutRecorded
//! write.commit(&answer).await?;
//! ```
//!
//! The same functions are `store::sql::{postgres, sqlite}::{item_for_update, apply, …}` for code
//! that knows its backend. [`Item::take`] is the decision without I/O.

mod columns;
mod filter;
mod item;
mod operations;
mod scripts;
pub mod sql;
mod tx;

pub(crate) use columns::round_column;
pub use columns::{ActionCode, StateCode};
pub use filter::ItemFilter;
pub use item::{Item, PLAN_ACTOR, Step, Transition, actor, enterprise_name, item_name, stored_now};
pub use operations::Store;
pub use tx::ItemTx;
