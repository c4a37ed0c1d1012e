//! Following the registry's feed (docs/work-items.md, "Where items come from"): a published
//! plan creates this service's items, a changed one reschedules, cancels, creates or restores
//! them, a reopened enterprise starts a new round. Each effect is applied in the follower's
//! transaction, which also moves its cursor (`rectify_kit::follower`), so a service that was
//! down catches up from its cursor and applies nothing twice; the events it records
//! (`WorkItemCreated`, …) go on this service's own feed, attributed to `registry:{seq}`.

mod plan;
mod sql;

use std::sync::Arc;

use rectify_campaign::{Campaign, ServiceName};
use rectify_kit::clock::Clock;
use rectify_kit::follower::follow_when_ready;
use rectify_kit::host::Host;
use rectify_kit::service::ServiceArgs;

pub use plan::{PlanChange, PlanEvent, decode};

use crate::store::stored_now;

/// The name the follower's cursor is stored under, and the source of its changes' origin.
pub const REGISTRY: &str = "registry";

/// The effect of the registry's changes on the work items of one service.
#[derive(Clone, Debug)]
pub struct PlanFollower {
    service: ServiceName,
    campaign: Arc<Campaign>,
    clock: Clock,
}

impl PlanFollower {
    /// Follows for `service`, which executes the kinds `campaign` gives it; items and steps are
    /// timed by `clock`.
    pub fn new(service: ServiceName, campaign: Arc<Campaign>, clock: Clock) -> Self {
        Self {
            service,
            campaign,
            clock,
        }
    }

    /// The journal's actor of the changes it makes, e.g. `utilities/follower`.
    pub fn actor(&self) -> String {
        format!("{}/follower", self.service)
    }
}

rectify_kit::apply_change!(PlanFollower, (self::sql::postgres, self::sql::sqlite) => |this, tx, change, backend| {
    backend::apply_change(tx, this, change, stored_now(&this.clock)).await
});

/// Starts following the registry's feed (`args.registry_feed()`: RECTIFY_REGISTRY_URL and
/// RECTIFY_SERVICE_TOKEN) into `host`'s database for `service`, once the database is migrated,
/// until the host stops. Fails only when the endpoint or the token is missing or malformed.
pub fn follow_registry(
    host: &Host,
    args: &ServiceArgs,
    service: ServiceName,
    campaign: Arc<Campaign>,
) -> anyhow::Result<()> {
    let (url, outbound) = args.registry_feed()?;
    let handler = PlanFollower::new(service, campaign, args.clock.clone());
    follow_when_ready(host, REGISTRY, &url, &outbound, handler)
}
