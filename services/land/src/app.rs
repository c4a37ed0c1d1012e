//! The land service as the shared skeleton sees it: its name, port, migrations, who reads its
//! feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Land>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its work items, which it learns by
//! following the registry's feed, and beside it `rectify.land.v1.LandService`, whose Record*
//! methods complete them.

use rectify_campaign::ServiceName;
use rectify_proto::land::v1::land_service_server::LandServiceServer;

use crate::api::LandApi;

/// The kinds completed through `LandService`'s own methods (RecordRelocationPlot,
/// RecordDemolition, RecordSiteRemediation), never `CompleteWorkItem`: every kind this service
/// executes.
pub const RECORDED_THROUGH_SERVICE: &[&str] =
    &["relocation_plot", "demolition", "site_remediation"];

rectify_workitems::bureau_service! {
    /// The land service (用地与场地).
    Land = ServiceName::Land;
    recorded through LandServiceServer: RECORDED_THROUGH_SERVICE;
    api: |host, _args, bureau| LandApi::new(host.journal.clone(), bureau);
}
