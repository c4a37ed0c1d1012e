//! The utilities service as the shared skeleton sees it: its name, port, migrations, who reads
//! its feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Utilities>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its work items, which it learns by
//! following the registry's feed, and beside it `rectify.utilities.v1.UtilitiesService`, whose
//! Record* methods complete them.

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::utilities::v1::utilities_service_server::UtilitiesServiceServer;

use crate::api::UtilitiesApi;

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
    const MIGRATIONS: Migrations = rectify_workitems::bureau_migrations!();

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let (routes, bureau) = rectify_workitems::serve_bureau(
            host,
            args,
            ServiceName::Utilities,
            RECORDED_THROUGH_SERVICE,
        )?;
        let api = UtilitiesApi::new(host.journal.clone(), bureau);
        Ok(routes.serve(rectify_kit::limited!(
            host,
            UtilitiesServiceServer::new(api)
        )))
    }
}
