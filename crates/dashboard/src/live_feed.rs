//! The coordinator's `WatchProgress` stream turned into live updates: each summary it sends
//! (at once, then on every change) re-reads the overview and publishes its marked fragments
//! into [`LiveEvents`], so open pages change within seconds of a bureau's write. A broken
//! stream is opened again after a pause that doubles up to half a minute; the task ends when
//! the dashboard stops.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt as _;
use rectify_campaign::Campaign;
use rectify_proto::coordinator::v1 as pb;
use tokio_util::sync::CancellationToken;

use crate::coordinator::CoordinatorClient;
use crate::live::LiveEvents;
use crate::views::overview;

/// The first pause after a broken stream.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// The longest pause between attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Follows the coordinator until `stop`.
pub async fn follow(
    client: CoordinatorClient,
    campaign: Arc<Campaign>,
    live: LiveEvents,
    stop: CancellationToken,
) {
    let mut backoff = FIRST_BACKOFF;
    // The last summary published, without its read time: a summary that moved no figure
    // (the coordinator re-sends one now and then) changes nothing on the pages.
    let mut last: Option<pb::Summary> = None;
    while !stop.is_cancelled() {
        match client.watch().await {
            Ok(mut stream) => loop {
                let next = tokio::select! {
                    () = stop.cancelled() => return,
                    next = stream.next() => next,
                };
                match next {
                    Some(Ok(mut summary)) => {
                        backoff = FIRST_BACKOFF;
                        summary.read_time = None;
                        if last.as_ref() != Some(&summary)
                            && publish(&client, &campaign, &live).await
                        {
                            last = Some(summary);
                        }
                    }
                    Some(Err(status)) => {
                        tracing::warn!(%status, "live updates: the coordinator's stream broke");
                        break;
                    }
                    None => {
                        tracing::info!("live updates: the coordinator ended its stream");
                        break;
                    }
                }
            },
            Err(status) => {
                tracing::warn!(%status, "live updates: cannot watch the coordinator");
            }
        }
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(backoff) => {}
        }
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Re-reads the overview and sends its fragments to the open pages; whether they were sent
/// (nothing is read while no page is open: a page opened later renders what is current).
async fn publish(client: &CoordinatorClient, campaign: &Campaign, live: &LiveEvents) -> bool {
    if live.listeners() == 0 {
        return false;
    }
    let data = match overview::load(client, campaign).await {
        Ok(data) => data,
        Err(status) => {
            tracing::warn!(%status, "live updates: cannot read the overview");
            return false;
        }
    };
    match data.live_updates() {
        Ok(updates) => {
            for update in updates {
                live.publish(update);
            }
            true
        }
        Err(error) => {
            tracing::error!(%error, "live updates: cannot render the overview");
            false
        }
    }
}
