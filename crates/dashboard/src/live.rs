//! Live updates: a broadcast channel the coordinator publishes into and every open page
//! listens to over server-sent events (`/events`). An update names a marked fragment of the
//! page (`data-live="…"`) and brings its new HTML; the page's script swaps it in place.

use serde::Serialize;
use tokio::sync::broadcast;

/// Updates kept for a slow page before it misses some (it then catches up on the next one).
const CAPACITY: usize = 256;

/// New HTML for one marked fragment of the dashboard's pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LiveUpdate {
    /// The `data-live` name of the fragment, e.g. `overview-status`.
    pub target: String,
    /// The fragment's new inner HTML, rendered (and escaped) on the server.
    pub html: String,
}

/// The sending side, cheap to clone: publishers hold one, the `/events` endpoint subscribes.
#[derive(Clone, Debug)]
pub struct LiveEvents {
    sender: broadcast::Sender<LiveUpdate>,
}

impl LiveEvents {
    pub fn new() -> LiveEvents {
        let (sender, _) = broadcast::channel(CAPACITY);
        LiveEvents { sender }
    }

    /// Sends `update` to every open page; returns how many are listening.
    pub fn publish(&self, update: LiveUpdate) -> usize {
        self.sender.send(update).unwrap_or(0)
    }

    /// A new listener, seeing updates published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<LiveUpdate> {
        self.sender.subscribe()
    }

    /// How many pages are listening now.
    pub fn listeners(&self) -> usize {
        self.sender.receiver_count()
    }
}

impl Default for LiveEvents {
    fn default() -> LiveEvents {
        LiveEvents::new()
    }
}
