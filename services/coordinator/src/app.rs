//! The coordinator as the shared skeleton sees it: its name, port, migrations and gRPC service.
//! It follows the registry's and the five bureau services' feeds into its projection
//! ([`follow`](crate::follow)) and serves `CoordinatorService` over it.

use std::sync::Arc;

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::peer::Peer;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::coordinator::v1::coordinator_service_server::CoordinatorServiceServer;

use crate::api::CoordinatorApi;
use crate::follow::{Changes, follow_all};
use crate::store::Store;

/// The coordinator (协调).
#[derive(Debug)]
pub struct Coordinator;

/// The coordinator runs through the shared skeleton.
pub type App = rectify_kit::service::App<Coordinator>;

impl Service for Coordinator {
    const SERVICE: ServiceName = ServiceName::Coordinator;
    const MIGRATIONS: Migrations = rectify_kit::service_migrations!();

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let campaign = Arc::new(args.load_campaign()?);
        let changes = Changes::new();
        follow_all(host, args, &campaign, &changes)?;
        let registry = match args.peer_of(ServiceName::Registry)? {
            Some((url, outbound)) => Some(Peer::connect("registry", &url, &outbound)?),
            None => None,
        };
        let api = CoordinatorApi::new(
            Store::new(host.db.clone()),
            host.journal.clone(),
            campaign,
            args.clock.clone(),
            registry,
            changes,
        );
        Ok(host.routes().serve(rectify_kit::limited!(
            host,
            CoordinatorServiceServer::new(api)
        )))
    }
}
