//! Following utilities' feed: a `rectify.utilities.v1.ReboundSuspected` (a cut power meter
//! turning again) makes the enterprise's rebound patrol due at once. Each suspicion is stored in
//! the transaction that moves the follower's cursor (`rectify_kit::follower`); other events are
//! passed over.

use prost::Name as _;
use rectify_kit::follower::follow_when_ready;
use rectify_kit::host::Host;
use rectify_kit::parse::{from_timestamp, resource_id};
use rectify_kit::service::ServiceArgs;
use rectify_kit::{Error, Result};
use rectify_proto::feed::v1::Change;
use rectify_proto::utilities::v1::ReboundSuspected;

use crate::store::{pg_sql, sqlite_sql};

/// The name the cursor is stored under and the source of its changes.
pub const UTILITIES: &str = "utilities";

/// The effect of utilities' changes: rebound suspicions.
#[derive(Clone, Copy, Debug, Default)]
pub struct SuspicionFollower;

/// The enterprise id and the instant of a suspicion; `None` for any other event.
fn suspicion(change: &Change) -> Result<Option<(String, chrono::DateTime<chrono::Utc>)>> {
    let Some(any) = change.event.as_ref() else {
        return Ok(None);
    };
    if any.type_url != ReboundSuspected::type_url() {
        return Ok(None);
    }
    let event: ReboundSuspected = any
        .to_msg()
        .map_err(|e| Error::corrupt("ReboundSuspected", &change.seq.to_string(), e))?;
    let id = resource_id(&event.enterprise, "enterprises", "", "enterprise")?;
    let at = event
        .read_at
        .as_ref()
        .and_then(from_timestamp)
        .ok_or_else(|| Error::corrupt("ReboundSuspected", &change.seq.to_string(), "no read_at"))?;
    Ok(Some((id, at)))
}

rectify_kit::apply_change!(SuspicionFollower, (pg_sql, sqlite_sql) => |_this, tx, change, sql| {
    match suspicion(change)? {
        Some((id, at)) => {
            let key = format!("{UTILITIES}:{}", change.seq);
            sql::insert_suspicion(tx, &key, &id, at).await
        }
        None => Ok(()),
    }
});

/// Follows utilities' feed (RECTIFY_UTILITIES_URL with the service's credentials) into `host`'s
/// database once it is migrated, until the host stops; without a utilities endpoint, logs that
/// suspicions will not be followed.
pub fn follow_utilities(host: &Host, args: &ServiceArgs) -> anyhow::Result<()> {
    let Some((url, outbound)) = args.peer_of(rectify_campaign::ServiceName::Utilities)? else {
        tracing::warn!("no RECTIFY_UTILITIES_URL: rebound suspicions are not followed");
        return Ok(());
    };
    follow_when_ready(host, UTILITIES, &url, &outbound, SuspicionFollower)
}
