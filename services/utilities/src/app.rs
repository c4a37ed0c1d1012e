//! The utilities service as the shared skeleton sees it: its name, port, migrations, who reads
//! its feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Utilities>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its work items, which it learns by
//! following the registry's feed, and beside it `rectify.utilities.v1.UtilitiesService`, whose
//! Record* methods complete them.

use std::sync::Arc;

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::utilities::v1::utilities_service_server::UtilitiesServiceServer;
use sqlx::migrate::Migrator;

use crate::api::UtilitiesApi;

static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

/// The kinds completed through `UtilitiesService`'s own methods (RecordWaterCut,
/// RecordPowerCut, RecordClearing, RecordWellClosure), never `CompleteWorkItem`: every kind
/// this service executes.
pub const RECORDED_THROUGH_SERVICE: &[&str] = &[
    "water_cut",
    "power_cut",
    "clear_materials",
    "clear_products",
    "clear_equipment",
    "well_closure",
];

/// The utilities service (两断三清).
#[derive(Debug)]
pub struct Utilities;

/// The utilities service runs through the shared skeleton.
pub type App = rectify_kit::service::App<Utilities>;

impl Service for Utilities {
    const NAME: &'static str = "utilities";
    const TITLE_ZH: &'static str = "两断三清";
    const DEFAULT_PORT: u16 = 50053;
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
            ServiceName::Utilities,
            campaign.clone(),
            RECORDED_THROUGH_SERVICE,
        )?;
        let api = UtilitiesApi::new(host.journal.clone(), campaign, args.clock.clone());
        let limit = host.max_message_bytes();
        Ok(routes.serve(
            UtilitiesServiceServer::new(api)
                .max_decoding_message_size(limit)
                .max_encoding_message_size(limit),
        ))
    }
}
