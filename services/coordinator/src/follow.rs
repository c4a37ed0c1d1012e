//! Following the six feeds (the registry and the five bureau services) into the projection:
//! each change is applied by [`sql::project`](crate::store::sql::project) in the transaction
//! that moves that feed's cursor (`rectify_kit::follower`), so that a coordinator stopped at any
//! point resumes where it was and counts nothing twice.

use std::sync::Arc;

use anyhow::Context as _;
use rectify_campaign::{Campaign, ServiceName};
use rectify_kit::follower::{FeedSource, Follower};
use rectify_kit::host::Host;
use rectify_kit::service::ServiceArgs;
use tokio::sync::watch;

use crate::store::sql::project;

/// The services whose feeds the coordinator follows.
pub const SOURCES: [ServiceName; 6] = [
    ServiceName::Registry,
    ServiceName::Utilities,
    ServiceName::Licensing,
    ServiceName::Land,
    ServiceName::Safety,
    ServiceName::Environment,
];

/// Tells watchers that the projection changed: a counter bumped after each change applied.
#[derive(Clone, Debug)]
pub struct Changes(Arc<watch::Sender<u64>>);

impl Changes {
    pub fn new() -> Self {
        Self(Arc::new(watch::channel(0).0))
    }

    /// A receiver woken at each change.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.0.subscribe()
    }

    fn bump(&self) {
        self.0.send_modify(|n| *n = n.wrapping_add(1));
    }
}

impl Default for Changes {
    fn default() -> Self {
        Self::new()
    }
}

/// The effect of one source's changes on the projection.
#[derive(Clone, Debug)]
pub struct Projection {
    source: ServiceName,
    campaign: Arc<Campaign>,
    changes: Changes,
}

rectify_kit::apply_change!(Projection, (project::postgres, project::sqlite) => run |this, tx, _source, changes, sql| {
    sql::apply_run(tx, &this.campaign, this.source.as_str(), changes).await?;
    this.changes.bump();
    Ok(())
});

/// Follows every source whose endpoint `args` names (`RECTIFY_{SERVICE}_URL`), with the
/// coordinator's service token, into `host`'s database once it is migrated; a source without an
/// endpoint is logged and left out. Fails when an endpoint is malformed, or when endpoints are
/// given without a service token.
pub fn follow_all(
    host: &Host,
    args: &ServiceArgs,
    campaign: &Arc<Campaign>,
    changes: &Changes,
) -> anyhow::Result<()> {
    for source in SOURCES {
        let Some(url) = args.url_of(source) else {
            tracing::warn!(source = %source, "no endpoint given: this feed is not followed");
            continue;
        };
        let outbound = args.outbound()?.context(
            "the coordinator follows feeds with RECTIFY_SERVICE_KEY_FILE or RECTIFY_SERVICE_TOKEN, \
             neither of which is set",
        )?;
        let follower = Follower::new(
            host.journal.clone(),
            FeedSource {
                name: source.as_str().to_owned(),
                channel: outbound.channel(source.as_str(), url)?,
                credentials: outbound.credentials.clone(),
            },
        );
        follower.start_on(
            host,
            Projection {
                source,
                campaign: campaign.clone(),
                changes: changes.clone(),
            },
        );
    }
    Ok(())
}
