//! The land service as the shared skeleton sees it: its name, port, migrations, who reads its
//! feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Land>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its work items, which it learns by
//! following the registry's feed, and beside it `rectify.land.v1.LandService`, whose Record*
//! methods complete them.

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::land::v1::land_service_server::LandServiceServer;

use crate::api::LandApi;

/// The kinds completed through `LandService`'s own methods (RecordRelocationPlot,
/// RecordDemolition, RecordSiteRemediation), never `CompleteWorkItem`: every kind this service
/// executes.
pub const RECORDED_THROUGH_SERVICE: &[&str] =
    &["relocation_plot", "demolition", "site_remediation"];

/// The land service (用地与场地).
#[derive(Debug)]
pub struct Land;

/// The land service runs through the shared skeleton.
pub type App = rectify_kit::service::App<Land>;

impl Service for Land {
    const NAME: &'static str = "land";
    const TITLE_ZH: &'static str = "用地与场地";
    const DEFAULT_PORT: u16 = 50054;
    const MIGRATIONS: Migrations = rectify_workitems::bureau_migrations!();

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let (routes, bureau) = rectify_workitems::serve_bureau(
            host,
            args,
            ServiceName::Land,
            RECORDED_THROUGH_SERVICE,
        )?;
        let api = LandApi::new(host.journal.clone(), bureau);
        Ok(routes.serve(rectify_kit::limited!(host, LandServiceServer::new(api))))
    }
}
