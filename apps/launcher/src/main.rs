//! The `rectify` binary: parse the command line, start telemetry once, run the launcher.

use clap::Parser as _;
use rectify_kit::telemetry::TelemetryConfig;
use rectify_launcher::{Cli, Command};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let _telemetry = rectify_kit::telemetry::init("rectify", &TelemetryConfig::default())?;
    match cli.command {
        Command::Up(options) => rectify_launcher::up(options).await,
    }
}
