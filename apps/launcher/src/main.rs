//! The `rectify` binary: parse the command line, start telemetry once, run the launcher.

use clap::Parser as _;
use rectify_kit::telemetry::TelemetryConfig;
use rectify_launcher::{Cli, Command};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    // The console is for the banner and warnings; RUST_LOG=info shows every service's log.
    let _telemetry =
        rectify_kit::telemetry::init_with("rectify", &TelemetryConfig::default(), "warn")?;
    match cli.command {
        Command::Up(options) => rectify_launcher::up(options).await,
    }
}
