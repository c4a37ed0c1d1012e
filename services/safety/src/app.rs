//! The safety service as the shared skeleton sees it: its name, port, migrations, who reads its
//! feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Safety>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its `safety_check` items, which it
//! learns by following the registry's feed, and beside it `rectify.safety.v1.SafetyService`,
//! whose RecordInspection and RecordHazardFix complete or block them.

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::safety::v1::safety_service_server::SafetyServiceServer;

use crate::api::SafetyApi;

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
    const MIGRATIONS: Migrations = rectify_workitems::bureau_migrations!();

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let (routes, bureau) = rectify_workitems::serve_bureau(
            host,
            args,
            ServiceName::Safety,
            RECORDED_THROUGH_SERVICE,
        )?;
        let api = SafetyApi::new(host.journal.clone(), bureau);
        Ok(routes.serve(rectify_kit::limited!(host, SafetyServiceServer::new(api))))
    }
}
