//! Running the dashboard: on an already bound listener (port 0 in tests), until stopped.

use std::net::SocketAddr;

use anyhow::Context as _;
use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::config::DashboardConfig;
use crate::coordinator::CoordinatorClient;
use crate::live::LiveEvents;
use crate::public_list::PublicRegistry;
use crate::state::{AppState, Shared};
use crate::store::Store;
use crate::{live_feed, routes};

/// The dashboard's router over `store` (already migrated), publishing `live` to open pages;
/// with a coordinator configured, a task follows its progress into `live` until `stop`.
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
    let coordinator = config
        .coordinator
        .as_ref()
        .map(CoordinatorClient::connect_lazy)
        .transpose()
        .context("invalid coordinator URL")?;
    if let Some(client) = &coordinator {
        tokio::spawn(live_feed::follow(
            client.clone(),
            config.campaign.clone(),
            live.clone(),
            stop.clone(),
        ));
    }
    let office_registry = crate::ledger::OfficeRegistry::from_config(&config)
        .context("invalid registry URL for the ledger")?;
    let state = AppState::new(Shared {
        config,
        store,
        live,
        registry,
        coordinator,
        office_registry,
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
