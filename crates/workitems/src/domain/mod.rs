//! Pure work-item rules, no database or gRPC: parsed types that cannot hold an invalid value and
//! functions from state to state.
//!
//! - [`state`]: who may move an item from which state to which ([`transition`]);
//! - [`command`]: the mutating `WorkItemService` requests parsed into a [`Command`];
//! - [`deadline`]: CST deadlines and [`is_overdue`];
//! - [`evidence`]: what backs a change, parsed with every bad field reported ([`Evidence`]);
//! - [`plan_sync`]: the [`Effect`]s of a published or changed plan, or of a reopening ([`sync`]);
//! - [`assignment`], [`round`], [`text`]: the executor and verifier, rounds, reasons and notes;
//! - [`moment`]: reported instants, not in the future; [`name`]: `workItems/{id}`;
//! - [`Violations`] (from the kit): every bad field of a request reported at once.

pub mod assignment;
pub mod command;
pub mod content_hash;
pub mod deadline;
pub mod evidence;
pub mod moment;
pub mod name;
pub mod plan_sync;
pub mod round;
pub mod state;
pub mod text;

pub use assignment::{Assignment, AssignmentError};
pub use command::Command;
pub use content_hash::{ContentHash, ContentHashError};
pub use deadline::{Deadline, DeadlineError, is_overdue};
pub use evidence::{Attachment, Evidence, EvidenceError, EvidenceRules, Figure};
pub use moment::{CLOCK_SKEW_ALLOWANCE, MomentError};
pub use name::{NameError, WorkItemName};
pub use plan_sync::{
    Effect, ExistingItem, ItemKey, PlannedMeasure, SyncError, TermField, Terms, changed_terms, sync,
};
pub use rectify_kit::parse::{Violations, path};
pub use round::{Round, RoundError};
pub use state::{Action, Actor, Resume, State, TransitionError, transition};
pub use text::{Note, Reason, TEXT_MAX_CHARS, TextError};
