//! The coordinator binary: the shared skeleton's service, and beside it on its own port the
//! dashboard (网页端, 0.0.0.0:8080 unless `--dashboard-listen` or `--no-dashboard`), which
//! calls this coordinator over loopback gRPC with its office token — the same code path and
//! access rules as a dashboard deployed on its own.

use std::net::SocketAddr;
use std::sync::Arc;

use clap::Parser;
use rectify_coordinator::{App, Coordinator};
use rectify_dashboard::args::{DashboardArgs, Neighbours, loopback_url};
use rectify_kit::service::{Service as _, ServiceArgs};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// rectify coordinator (协调与督导) gRPC service, with the dashboard.
#[derive(Parser, Debug)]
#[command(name = "coordinator")]
struct Cli {
    #[command(flatten)]
    service: ServiceArgs,
    #[command(flatten)]
    dashboard: DashboardArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let Cli { service, dashboard } = Cli::parse();
    let _telemetry = rectify_kit::telemetry::init(Coordinator::NAME, &service.telemetry)?;
    let address = service
        .listen
        .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], Coordinator::DEFAULT_PORT)));
    let listener = TcpListener::bind(address).await?;
    let stop = CancellationToken::new();
    let campaign = Arc::new(service.load_campaign()?);
    let neighbours = Neighbours {
        database_url: service.service.database_url.expose().to_owned(),
        registry_url: service.registry_url.clone(),
        coordinator_url: loopback_url(listener.local_addr()?),
    };
    let clock = service.clock.clone();
    let app = App::build(service, listener, stop.clone()).await?;
    tracing::info!(service = Coordinator::NAME, port = app.port(), "listening");
    let dashboard = dashboard
        .spawn(neighbours, campaign, clock, stop.child_token())
        .await?;
    tokio::spawn({
        let stop = stop.clone();
        async move {
            rectify_kit::host::shutdown_signal().await;
            stop.cancel();
        }
    });
    let served = app.run_until_stopped().await;
    stop.cancel();
    if let Some(dashboard) = dashboard {
        dashboard.await??;
    }
    served
}
