//! The licensing service as the shared skeleton sees it: its name, port, migrations, who reads
//! its feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Licensing>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its work items, which it learns by
//! following the registry's feed, and beside it `rectify.licensing.v1.LicensingService`, whose
//! SetApproval and Record*Revocation methods complete them.

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::licensing::v1::licensing_service_server::LicensingServiceServer;

use crate::api::LicensingApi;

/// The kinds completed through `LicensingService`'s own methods, never `CompleteWorkItem`: a
/// supplementary approval by granting it (SetApproval), a closure's revocations by recording
/// them. `new_site_approvals` is completed through `CompleteWorkItem`.
pub const RECORDED_THROUGH_SERVICE: &[&str] = &[
    "approval.miit_filing",
    "approval.ndrc_project",
    "approval.land_use",
    "approval.environmental",
    "approval.business_licence",
    "approval.safety",
    "approval.water_intake",
    "licence_revocation",
    "water_permit_revocation",
];

/// The licensing service (审批手续).
#[derive(Debug)]
pub struct Licensing;

/// The licensing service runs through the shared skeleton.
pub type App = rectify_kit::service::App<Licensing>;

impl Service for Licensing {
    const NAME: &'static str = "licensing";
    const TITLE_ZH: &'static str = "审批手续";
    const DEFAULT_PORT: u16 = 50052;
    const MIGRATIONS: Migrations = rectify_workitems::bureau_migrations!();

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let (routes, bureau) = rectify_workitems::serve_bureau(
            host,
            args,
            ServiceName::Licensing,
            RECORDED_THROUGH_SERVICE,
        )?;
        crate::follow::follow_findings(host, args)?;
        let api = LicensingApi::new(host.journal.clone(), bureau);
        Ok(routes.serve(rectify_kit::limited!(
            host,
            LicensingServiceServer::new(api)
        )))
    }
}
