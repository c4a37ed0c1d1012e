//! The per-write envelope every mutating call goes through, written once:
//! begin, answer a retried request_id from its stored answer, let the caller
//! change its rows, then record its typed events in the journal, store the
//! answer, commit and wake the sequencer — no write can forget a step.
//!
//! ```ignore
//! let mut write = begin_write!(pool, journal, ctx);    // returns a replayed answer
//! /* … read and change rows with write.tx() … */
//! write.record(enterprise_name(&id), &pb::EnterpriseConfirmed { … });
//! write.commit(&answer).await?;                         // answer returned to the caller
//! ```

pub mod sql;

use crate::error::{Error, Result};

/// How a write starts: with the answer stored for a retried request_id, or
/// with a fresh transaction.
#[derive(Debug)]
pub enum Begun<W> {
    Replayed(Replay),
    Fresh(W),
}

/// The answer stored for a request_id, as first given.
#[derive(Clone, Debug)]
pub struct Replay(pub(crate) Vec<u8>);

impl Replay {
    /// Decodes the stored answer; one that does not decode is an internal error.
    pub fn decode<A: prost::Message + Default>(&self) -> Result<A> {
        A::decode(self.0.as_slice()).map_err(|e| Error::corrupt("answer", "idempotency", e))
    }
}

/// `begin_write!(pool, journal, ctx)` starts a [`Write`](sql::postgres::Write)
/// in a per-backend query file, returning the stored answer from the
/// enclosing function when the request_id was seen before.
#[macro_export]
macro_rules! begin_write {
    ($pool:expr, $journal:expr, $ctx:expr) => {
        match kit::Write::begin($pool, $journal, $ctx).await? {
            $crate::write::Begun::Replayed(replay) => return replay.decode(),
            $crate::write::Begun::Fresh(write) => write,
        }
    };
}
