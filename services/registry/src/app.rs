//! The registry as the shared skeleton sees it: its name, port, migrations,
//! who reads its feed, and its gRPC service. The binary, the launcher and the
//! tests all run it through `rectify_kit::service::App<Registry>`.

use std::sync::Arc;

use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::registry::v1::registry_service_server::RegistryServiceServer;
use sqlx::migrate::Migrator;

use crate::api::RegistryApi;
use crate::store::Store;

static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

/// The registry (台账).
#[derive(Debug)]
pub struct Registry;

/// The registry runs through the shared skeleton.
pub type App = rectify_kit::service::App<Registry>;

impl Service for Registry {
    const NAME: &'static str = "registry";
    const TITLE_ZH: &'static str = "台账";
    const DEFAULT_PORT: u16 = 50051;
    const MIGRATIONS: Migrations = Migrations {
        postgres: &[&POSTGRES],
        sqlite: &[&SQLITE],
    };

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let store = Store::new(
            host.journal.clone(),
            Arc::new(args.load_campaign()?),
            args.clock.clone(),
        );
        let limit = host.max_message_bytes();
        Ok(host.routes().serve(
            RegistryServiceServer::new(RegistryApi::new(store))
                .max_decoding_message_size(limit)
                .max_encoding_message_size(limit),
        ))
    }
}
