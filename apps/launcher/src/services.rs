//! The services `rectify up` runs, each through the same skeleton `App` as its own binary.
//!
//! Adding a service is one more [`ServiceSpec::of`] in [`SERVICES`]; ports, databases, health
//! waits and shutdown follow from the list.

use futures::future::BoxFuture;
use rectify_kit::service::{App, Service, ServiceArgs};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// What a service gets from the launcher: its arguments (database, keys, peers), a bound listener
/// and the token that stops it.
#[derive(Debug)]
pub struct ServiceStart {
    /// Database URL (its own SQLite file), key set, limits, peers.
    pub args: ServiceArgs,
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
    /// Its port when none is chosen.
    pub default_port: u16,
    /// The flag that chooses its port, e.g. `registry-port`.
    pub port_flag: &'static str,
    /// Whether it follows other services' feeds (it then gets the endpoint of every service
    /// started before it, `RECTIFY_{SERVICE}_URL`, and its own service token).
    pub follows_registry: bool,
    /// Runs it.
    pub run: RunService,
}

impl ServiceSpec {
    /// The spec of service `S`, chosen on the command line with `--{port_flag}`.
    pub const fn of<S: Service>(port_flag: &'static str, follows_registry: bool) -> Self {
        Self {
            name: S::NAME,
            title_zh: S::TITLE_ZH,
            default_port: S::DEFAULT_PORT,
            port_flag,
            follows_registry,
            run: run::<S>,
        }
    }
}

/// The registry (台账).
pub const REGISTRY: ServiceSpec =
    ServiceSpec::of::<rectify_registry::Registry>("registry-port", false);

/// 两断三清: water and power cuts, clearings, wells.
pub const UTILITIES: ServiceSpec =
    ServiceSpec::of::<rectify_utilities::Utilities>("utilities-port", true);

/// The seven approvals; revocations of a closure.
pub const LICENSING: ServiceSpec =
    ServiceSpec::of::<rectify_licensing::Licensing>("licensing-port", true);

/// Planning conformity, relocation plot, demolition, site remediation.
pub const LAND: ServiceSpec = ServiceSpec::of::<rectify_land::Land>("land-port", true);

/// Safety inspections and hazards.
pub const SAFETY: ServiceSpec = ServiceSpec::of::<rectify_safety::Safety>("safety-port", true);

/// Pollution control, discharge monitoring, rebound patrols (it also follows utilities).
pub const ENVIRONMENT: ServiceSpec =
    ServiceSpec::of::<rectify_environment::Environment>("environment-port", true);

/// The coordinator: projections of all six feeds, sign-off, supervision (it follows every other).
pub const COORDINATOR: ServiceSpec =
    ServiceSpec::of::<rectify_coordinator::Coordinator>("coordinator-port", true);

/// Every service `rectify up` starts, in start order (the registry first: the others follow it;
/// utilities before environment, which follows utilities' feed too; the coordinator last, as it
/// follows them all).
pub const SERVICES: &[ServiceSpec] = &[
    REGISTRY,
    UTILITIES,
    LICENSING,
    LAND,
    SAFETY,
    ENVIRONMENT,
    COORDINATOR,
];

fn run<S: Service>(start: ServiceStart) -> BoxFuture<'static, anyhow::Result<()>> {
    Box::pin(async move {
        App::<S>::build(start.args, start.listener, start.stop)
            .await?
            .run_until_stopped()
            .await
    })
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
    }

    #[test]
    fn the_coordinator_listens_on_its_design_port_and_starts_last() {
        assert_eq!(COORDINATOR.default_port, 50050, "docs/architecture.md");
        assert_eq!(SERVICES.last().map(|s| s.name), Some("coordinator"));
    }

    #[test]
    fn the_registry_listens_on_its_design_port() {
        assert_eq!(REGISTRY.default_port, 50051, "docs/architecture.md");
        assert_eq!(REGISTRY.port_flag, "registry-port", "flag name");
    }
}
