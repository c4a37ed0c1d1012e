//! The registry binary: config, telemetry, then the same `App` the launcher runs.

use clap::Parser;
use rectify_kit::host::shutdown_signal;
use rectify_registry::{App, RegistryConfig};
use tokio_util::sync::CancellationToken;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = RegistryConfig::parse();
    let _telemetry = rectify_kit::telemetry::init("registry", &config.telemetry)?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let stop = CancellationToken::new();
    let app = App::build(config, listener, stop.clone()).await?;
    tracing::info!(port = app.port(), "registry listening");
    tokio::spawn(async move {
        shutdown_signal().await;
        stop.cancel();
    });
    app.run_until_stopped().await
}
