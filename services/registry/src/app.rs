//! Builds the registry on a bound listener and runs it until stopped; the
//! binary and the embedded launcher both go through here.

use std::sync::Arc;

use anyhow::Context as _;
use rectify_campaign::HUACHUAN_2021;
use rectify_kit::auth::{PartyKind, Principal};
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_proto::registry::v1::registry_service_server::RegistryServiceServer;
use sqlx::migrate::Migrator;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::api::RegistryApi;
use crate::config::{AUDIENCE, RegistryConfig};
use crate::domain::Campaign;
use crate::store::Store;

static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

/// The registry's migrations on each backend.
pub const MIGRATIONS: Migrations = Migrations {
    postgres: &POSTGRES,
    sqlite: &SQLITE,
};

/// The registry feed carries every enterprise: the office and services only.
fn feed_access(principal: &Principal) -> bool {
    matches!(principal.kind, PartyKind::Office | PartyKind::Service)
}

/// A built, not yet running, registry.
#[derive(Debug)]
pub struct App {
    host: Host,
    api: RegistryApi,
}

impl App {
    /// Loads the campaign, opens the database and prepares the server on
    /// `listener`; `stop` ends it.
    pub async fn build(
        config: RegistryConfig,
        listener: TcpListener,
        stop: CancellationToken,
    ) -> anyhow::Result<App> {
        let campaign = match &config.campaign {
            Some(path) => Campaign::load(path)
                .with_context(|| format!("cannot load campaign {}", path.display()))?,
            None => Campaign::from_toml_str(HUACHUAN_2021).context("built-in campaign")?,
        };
        let host = Host::prepare(
            config.service.clone(),
            AUDIENCE,
            listener,
            MIGRATIONS,
            feed_access,
            stop,
        )
        .await?;
        let store = Store::new(host.journal.clone(), Arc::new(campaign));
        Ok(App {
            api: RegistryApi::new(store),
            host,
        })
    }

    pub fn port(&self) -> u16 {
        self.host.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// Serves until the stop token is cancelled; drains in-flight calls.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let limit = self.host.config().max_message_bytes;
        let service = RegistryServiceServer::new(self.api)
            .max_decoding_message_size(limit)
            .max_encoding_message_size(limit);
        self.host.serve(service).await
    }
}
