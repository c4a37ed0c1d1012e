//! Running the dashboard: on an already bound listener (port 0 in tests), until stopped.

use std::net::SocketAddr;

use anyhow::Context as _;
use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::config::DashboardConfig;
use crate::live::LiveEvents;
use crate::public_list::PublicRegistry;
use crate::routes;
use crate::state::{AppState, Shared};
use crate::store::Store;

/// The dashboard's router over `store` (already migrated), publishing `live` to open pages.
pub fn app(
    config: DashboardConfig,
    store: Store,
    live: LiveEvents,
    stop: CancellationToken,
) -> anyhow::Result<Router> {
    let registry = config
        .registry_url
        .as_deref()
        .map(PublicRegistry::connect_lazy)
        .transpose()
        .context("invalid registry URL for the public list")?;
    let office = crate::ledger::OfficePeers::from_config(&config)
        .context("invalid registry or coordinator URL for the ledger")?;
    let state = AppState::new(Shared {
        config,
        store,
        live,
        registry,
        office,
        stop,
    });
    Ok(routes::router(state))
}

/// Migrates `store`, then serves the dashboard on `listener` until `stop` is cancelled, and
/// drains the requests in flight (open event streams end at once).
pub async fn serve(
    listener: TcpListener,
    config: DashboardConfig,
    store: Store,
    live: LiveEvents,
    stop: CancellationToken,
) -> anyhow::Result<()> {
    store.migrate().await?;
    let router = app(config, store, live, stop.clone())?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "dashboard serving");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop.cancelled_owned())
    .await
    .context("dashboard server failed")?;
    tracing::info!(%addr, "dashboard stopped");
    Ok(())
}
