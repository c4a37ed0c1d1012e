//! Starting a follower beside a service: it waits for the host to have migrated the database
//! (the cursor and the effect's tables exist only then), then follows until the host stops.

use std::time::Duration;

use super::{ChangeHandler, FeedSource, Follower};
use crate::host::Host;
use crate::peer::Outbound;

/// How often a follower waits for the database to be migrated.
const READY_POLL: Duration = Duration::from_millis(100);

/// Follows the feed at `url` (the cursor stored as `name`, reached as `outbound` says)
/// into `host`'s database with `handler`, from when the host is ready until it stops. Fails
/// only on a malformed URL; an unreachable source is retried by the follower.
pub fn follow_when_ready<H: ChangeHandler + 'static>(
    host: &Host,
    name: &str,
    url: &str,
    outbound: &Outbound,
    handler: H,
) -> anyhow::Result<()> {
    let channel = outbound.channel(name, url)?;
    let follower = Follower::new(
        host.journal.clone(),
        FeedSource {
            name: name.to_owned(),
            channel,
            credentials: outbound.credentials.clone(),
        },
    );
    let readiness = host.readiness.clone();
    let stop = host.stop_token();
    let name = name.to_owned();
    tokio::spawn(async move {
        while !readiness.is_ready() {
            tokio::select! {
                () = tokio::time::sleep(READY_POLL) => {}
                () = stop.cancelled() => return,
            }
        }
        tracing::info!(source = %name, "following the feed");
        follower.run(&handler, stop).await;
    });
    Ok(())
}
