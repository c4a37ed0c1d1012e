//! The one sequencer of a service: after writers commit, it numbers their
//! journal entries in commit-visibility order and chains their hashes, in
//! batches, then wakes the feed's watchers. Writers never wait on it or on
//! each other; a reader never sees entry N+1 before entry N exists.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio_util::sync::CancellationToken;

use super::sql;
use crate::db::Db;

const BATCH: i64 = 1000;
/// Also look without being woken, for entries written by another process.
const POLL: Duration = Duration::from_millis(250);

/// Handle shared by writers (to wake the sequencer) and watchers (to learn
/// the head).
#[derive(Clone, Debug)]
pub struct Journal {
    db: Db,
    wake: Arc<Notify>,
    head: watch::Sender<i64>,
}

impl Journal {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            wake: Arc::new(Notify::new()),
            head: watch::Sender::new(0),
        }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Tells the sequencer that a transaction with journal entries committed.
    pub fn committed(&self) {
        self.wake.notify_one();
    }

    /// Follows the sequenced head.
    pub fn subscribe(&self) -> watch::Receiver<i64> {
        self.head.subscribe()
    }

    /// Sequences everything pending now; returns the head.
    pub async fn sequence_pending(&self) -> anyhow::Result<i64> {
        loop {
            let (head, count) = crate::dispatch!(&self.db, sql => sequence_batch(BATCH))?;
            self.head.send_if_modified(|current| {
                let changed = *current != head;
                *current = head;
                changed
            });
            if (count as i64) < BATCH {
                return Ok(head);
            }
        }
    }

    /// Runs until `stop` is cancelled, then sequences what is left once more.
    pub async fn run_sequencer(self, stop: CancellationToken) {
        loop {
            if let Err(error) = self.sequence_pending().await {
                tracing::warn!(error = %error, "journal sequencing failed, will retry");
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(POLL) => {}
                () = stop.cancelled() => break,
            }
        }
        if let Err(error) = self.sequence_pending().await {
            tracing::warn!(error = %error, "final journal sequencing failed");
        }
    }
}
