//! The registry as the shared skeleton sees it: its name, port, migrations,
//! who reads its feed, and its gRPC service. The binary, the launcher and the
//! tests all run it through `rectify_kit::service::App<Registry>`.

use std::sync::Arc;

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::registry::v1::registry_service_server::RegistryServiceServer;

use crate::api::RegistryApi;
use crate::store::Store;

/// The registry (台账).
#[derive(Debug)]
pub struct Registry;

/// The registry runs through the shared skeleton.
pub type App = rectify_kit::service::App<Registry>;

impl Service for Registry {
    const SERVICE: ServiceName = ServiceName::Registry;
    const MIGRATIONS: Migrations = rectify_kit::service_migrations!();

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let store = Store::new(
            host.journal.clone(),
            Arc::new(args.load_campaign()?),
            args.clock.clone(),
        );
        Ok(host.routes().serve(rectify_kit::limited!(
            host,
            RegistryServiceServer::new(RegistryApi::new(store))
        )))
    }
}
