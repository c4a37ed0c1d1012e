//! `GET /events`: server-sent events for a logged-in page. Each [`LiveUpdate`] published on the
//! dashboard's channel goes out as an event `fragment` whose data is `{"target", "html"}`. The
//! stream ends when the dashboard stops, so that shutdown does not wait on open pages.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::{Stream, StreamExt as _};
use tokio_stream::wrappers::BroadcastStream;

use crate::session::Session;
use crate::state::AppState;

/// How often an idle stream sends a comment, so proxies keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

pub async fn stream(
    State(state): State<AppState>,
    session: Session,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    tracing::debug!(login = session.user.login, "live updates: page listening");
    let updates = BroadcastStream::new(state.live.subscribe())
        // A page that fell behind misses some updates; the next ones still arrive.
        .filter_map(|update| async move { update.ok() })
        .filter_map(
            |update| async move { Event::default().event("fragment").json_data(&update).ok() },
        )
        .map(Ok)
        .take_until(state.stop.clone().cancelled_owned());
    Sse::new(updates).keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
}
