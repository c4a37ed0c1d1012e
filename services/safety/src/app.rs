//! The safety service as the shared skeleton sees it: its name, port, migrations, who reads its
//! feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Safety>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its `safety_check` items, which it
//! learns by following the registry's feed, and beside it `rectify.safety.v1.SafetyService`,
//! whose RecordInspection and RecordHazardFix complete or block them.

use std::sync::Arc;

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::safety::v1::safety_service_server::SafetyServiceServer;
use sqlx::migrate::Migrator;

use crate::api::SafetyApi;

static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

/// The kinds completed through `SafetyService`'s own methods, never `CompleteWorkItem`.
pub const RECORDED_THROUGH_SERVICE: &[&str] = &["safety_check"];

/// The safety service (安全生产).
#[derive(Debug)]
pub struct Safety;

/// The safety service runs through the shared skeleton.
pub type App = rectify_kit::service::App<Safety>;

impl Service for Safety {
    const NAME: &'static str = "safety";
    const TITLE_ZH: &'static str = "安全生产";
    const DEFAULT_PORT: u16 = 50055;
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
            ServiceName::Safety,
            campaign.clone(),
            RECORDED_THROUGH_SERVICE,
        )?;
        let api = SafetyApi::new(host.journal.clone(), campaign, args.clock.clone());
        let limit = host.max_message_bytes();
        Ok(routes.serve(
            SafetyServiceServer::new(api)
                .max_decoding_message_size(limit)
                .max_encoding_message_size(limit),
        ))
    }
}
