//! The change feed and audit log, one mechanism (docs/architecture.md): typed
//! events written in the writer's transaction, numbered and hash-chained after
//! commit by one sequencer, served by `rectify.feed.v1.FeedService`.

mod entry;
mod feed_service;
mod origin;
mod sequencer;
pub mod sql;
mod verify;

pub use entry::{Entry, EntryFields, GENESIS_HASH, NewChange, chain_hash, now_micros};
pub use feed_service::{FeedAccess, FeedServer};
pub use origin::Origin;
pub use sequencer::Journal;
pub use verify::{Anchor, ChainBreak, ChainVerifier};
