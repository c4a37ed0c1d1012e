//! Starting a follower beside a service: it waits for the host to have migrated the database
//! (the cursor and the effect's tables exist only then), then follows until the host stops.

use std::time::Duration;

use anyhow::Context as _;
use tonic::transport::Endpoint;

use super::{ChangeHandler, FeedSource, Follower};
use crate::host::Host;
use crate::service::SecretToken;

/// How often a follower waits for the database to be migrated.
const READY_POLL: Duration = Duration::from_millis(100);

/// Follows the feed at `url` (the cursor stored as `name`, the service's `token` presented)
/// into `host`'s database with `handler`, from when the host is ready until it stops. Fails
/// only on a malformed URL; an unreachable source is retried by the follower.
pub fn follow_when_ready<H: ChangeHandler + 'static>(
    host: &Host,
    name: &str,
    url: &str,
    token: &SecretToken,
    handler: H,
) -> anyhow::Result<()> {
    let channel = Endpoint::from_shared(url.to_owned())
        .with_context(|| format!("invalid {name} URL {url:?}"))?
        .connect_lazy();
    let follower = Follower::new(
        host.journal.clone(),
        FeedSource {
            name: name.to_owned(),
            channel,
            token: token.expose().to_owned(),
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
