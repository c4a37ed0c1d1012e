//! What every handler reaches: settings, the dashboard's tables, the live channel, the
//! registry and coordinator clients and the stop token.

use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use crate::config::DashboardConfig;
use crate::coordinator::CoordinatorClient;
use crate::ledger::OfficeRegistry;
use crate::live::LiveEvents;
use crate::public_list::PublicRegistry;
use crate::store::Store;

/// The handlers' shared state; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

/// What [`AppState`] holds.
#[derive(Debug)]
pub struct Shared {
    pub config: DashboardConfig,
    pub store: Store,
    pub live: LiveEvents,
    /// The registry's public list; `None` when no registry URL is configured.
    pub registry: Option<PublicRegistry>,
    /// The coordinator's projections; `None` when no coordinator is configured.
    pub coordinator: Option<CoordinatorClient>,
    /// The registry under the dashboard's registry token (ledger, survey import); `None` when
    /// not configured.
    pub office_registry: Option<OfficeRegistry>,
    /// Cancelled when the dashboard stops: open event streams end so shutdown can drain.
    pub stop: CancellationToken,
}

impl AppState {
    pub fn new(shared: Shared) -> AppState {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
