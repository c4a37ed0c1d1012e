//! The registry's configuration, from flags and environment.

use std::net::SocketAddr;
use std::path::PathBuf;

use rectify_kit::config::ServiceConfig;
use rectify_kit::telemetry::TelemetryConfig;

/// Default gRPC port of the registry (DESIGN §7).
pub const DEFAULT_PORT: u16 = 50051;
/// Token audience the registry accepts.
pub const AUDIENCE: &str = "registry";

/// `registry --help`.
#[derive(clap::Parser, Clone, Debug)]
#[command(name = "registry", about = "rectify registry (台账) gRPC service")]
pub struct RegistryConfig {
    /// Address to listen on.
    #[arg(long, env = "RECTIFY_LISTEN", default_value = "0.0.0.0:50051")]
    pub listen: SocketAddr,
    /// Campaign file (TOML); the built-in Huachuan 2021 campaign when not given.
    #[arg(long, env = "RECTIFY_CAMPAIGN")]
    pub campaign: Option<PathBuf>,
    #[command(flatten)]
    pub service: ServiceConfig,
    #[command(flatten)]
    pub telemetry: TelemetryConfig,
}
