//! What the dashboard is told when it starts.

use std::sync::Arc;

use chrono::Duration;
use rectify_campaign::Campaign;
use rectify_kit::clock::Clock;
use rectify_kit::service::SecretToken;

use crate::coordinator::CoordinatorSettings;

/// A logged-in browser idle this long must log in again (MLPS: idle timeout).
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::minutes(30);

/// The dashboard's settings.
#[derive(Clone, Debug)]
pub struct DashboardConfig {
    /// The registry's gRPC endpoint (`http://registry:50051`), for the public list; without it
    /// the public list says the registry is not configured.
    pub registry_url: Option<String>,
    /// The coordinator and the token the dashboard calls it with, for every page of the
    /// campaign's progress and the live updates; without it those pages say so.
    pub coordinator: Option<CoordinatorSettings>,
    /// The dashboard's token for the registry (party `office`): the ledger export reads
    /// enterprises and plans and the survey import writes findings under it, the logged-in user
    /// who imports sent along as `entered_by`. Without it the ledger and the import say they
    /// are not configured.
    pub registry_token: Option<SecretToken>,
    /// Mark the session cookie `Secure`: set when the dashboard is reached over TLS (a
    /// terminating proxy in front of it), so browsers never send the cookie in clear text.
    pub secure_cookies: bool,
    /// How long a session may stay unused.
    pub idle_timeout: Duration,
    /// The campaign: names of jurisdictions and bureaus for the pages.
    pub campaign: Arc<Campaign>,
    /// The one clock (lockouts, idle timeout, audit times).
    pub clock: Clock,
}

impl DashboardConfig {
    /// Settings for `campaign` with the defaults: no registry, no coordinator, cookies without `Secure`, a
    /// 30-minute idle timeout and the system clock.
    pub fn new(campaign: Arc<Campaign>) -> DashboardConfig {
        DashboardConfig {
            registry_url: None,
            coordinator: None,
            registry_token: None,
            secure_cookies: false,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            campaign,
            clock: Clock::system(),
        }
    }
}
