//! The services `rectify up` runs, each through the same `App` as its own binary.
//!
//! Adding a service is one more [`ServiceSpec`] in [`SERVICES`] and a small function that builds
//! its config and runs its `App`; ports, databases, health waits and shutdown follow from the list.

use std::net::SocketAddr;

use futures::future::BoxFuture;
use rectify_kit::config::ServiceConfig;
use rectify_kit::telemetry::TelemetryConfig;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// What a service gets from the launcher: its shared settings (database, keys), a bound listener
/// and the token that stops it.
#[derive(Debug)]
pub struct ServiceStart {
    /// Database URL (its own SQLite file), key set and limits.
    pub service: ServiceConfig,
    /// Already bound, so the port is known (and may have been 0).
    pub listener: TcpListener,
    /// Cancelled when the launcher stops.
    pub stop: CancellationToken,
}

/// Builds a service's `App` from a [`ServiceStart`] and runs it until stopped.
pub type RunService = fn(ServiceStart) -> BoxFuture<'static, anyhow::Result<()>>;

/// One service of the all-in-one.
#[derive(Debug)]
pub struct ServiceSpec {
    /// Stable name: the database file (`{name}.db`) and the name printed (`registry`).
    pub name: &'static str,
    /// What it is, in Chinese, for the printed endpoints.
    pub title_zh: &'static str,
    /// Its port when none is chosen (DESIGN §7).
    pub default_port: u16,
    /// The flag that chooses its port, e.g. `registry-port`.
    pub port_flag: &'static str,
    /// Runs it.
    pub run: RunService,
}

/// The registry (台账).
pub const REGISTRY: ServiceSpec = ServiceSpec {
    name: "registry",
    title_zh: "台账",
    default_port: rectify_registry::config::DEFAULT_PORT,
    port_flag: "registry-port",
    run: run_registry,
};

/// Every service `rectify up` starts, in start order.
pub const SERVICES: &[ServiceSpec] = &[REGISTRY];

fn run_registry(start: ServiceStart) -> BoxFuture<'static, anyhow::Result<()>> {
    Box::pin(async move {
        let config = rectify_registry::RegistryConfig {
            listen: listen_addr(&start.listener)?,
            campaign: None,
            service: start.service,
            telemetry: TelemetryConfig::default(),
        };
        rectify_registry::App::build(config, start.listener, start.stop)
            .await?
            .run_until_stopped()
            .await
    })
}

/// The address the listener is bound to, for configs that record it.
fn listen_addr(listener: &TcpListener) -> anyhow::Result<SocketAddr> {
    Ok(listener.local_addr()?)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn names_ports_and_flags_are_unique() {
        let names: HashSet<_> = SERVICES.iter().map(|s| s.name).collect();
        let ports: HashSet<_> = SERVICES.iter().map(|s| s.default_port).collect();
        let flags: HashSet<_> = SERVICES.iter().map(|s| s.port_flag).collect();
        for (what, count) in [
            ("names", names.len()),
            ("ports", ports.len()),
            ("flags", flags.len()),
        ] {
            assert_eq!(count, SERVICES.len(), "service {what} must be unique");
        }
    }

    #[test]
    fn every_service_started_is_one_the_tokens_name() {
        for service in SERVICES {
            assert!(
                rectify_kit::auth::is_service_audience(service.name),
                "{} should be in SERVICE_AUDIENCES, or the launcher's tokens will not reach it",
                service.name
            );
        }
        assert_eq!(
            rectify_registry::config::AUDIENCE,
            REGISTRY.name,
            "the registry verifies tokens for its own name"
        );
    }

    #[test]
    fn the_registry_listens_on_its_design_port() {
        assert_eq!(REGISTRY.default_port, 50051, "DESIGN §7");
        assert_eq!(REGISTRY.port_flag, "registry-port", "flag name");
    }
}
