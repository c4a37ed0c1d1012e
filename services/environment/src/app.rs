//! The environment service as the shared skeleton sees it: its name, port, migrations, who
//! reads its feed, and its gRPC services. It serves `WorkItemService` for its items (following
//! the registry), `EnvironmentService` beside it, and follows utilities' feed for rebound
//! suspicions.

use std::sync::Arc;

use anyhow::Context as _;
use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::environment::v1::environment_service_server::EnvironmentServiceServer;
use sqlx::migrate::Migrator;
use tonic::transport::Endpoint;

use crate::api::EnvironmentApi;
use crate::api::reopen::Registry;
use crate::domain::RECORDED_THROUGH_SERVICE;

static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

/// The environment service (污染防治与巡查).
#[derive(Debug)]
pub struct Environment;

/// The environment service runs through the shared skeleton.
pub type App = rectify_kit::service::App<Environment>;

impl Service for Environment {
    const NAME: &'static str = "environment";
    const TITLE_ZH: &'static str = "污染防治与巡查";
    const DEFAULT_PORT: u16 = 50056;
    // The work items' tables, then its own (which refer to them).
    const MIGRATIONS: Migrations = Migrations {
        postgres: &[&rectify_workitems::MIGRATIONS_POSTGRES, &POSTGRES],
        sqlite: &[&rectify_workitems::MIGRATIONS_SQLITE, &SQLITE],
    };

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let campaign = Arc::new(args.load_campaign()?);
        let routes = rectify_workitems::serve(
            host,
            args,
            ServiceName::Environment,
            campaign.clone(),
            RECORDED_THROUGH_SERVICE,
        )?;
        crate::follow::follow_utilities(host, args)?;
        let (url, token) = args.registry_feed()?;
        let channel = Endpoint::from_shared(url.clone())
            .with_context(|| format!("invalid registry URL {url:?}"))?
            .connect_lazy();
        let registry = Registry::new(channel, token.expose().to_owned());
        let api = EnvironmentApi::new(host.journal.clone(), campaign, args.clock.clone(), registry);
        let limit = host.max_message_bytes();
        Ok(routes.serve(
            EnvironmentServiceServer::new(api)
                .max_decoding_message_size(limit)
                .max_encoding_message_size(limit),
        ))
    }
}
