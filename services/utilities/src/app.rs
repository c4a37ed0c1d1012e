//! The utilities service as the shared skeleton sees it: its name, port, migrations, who reads
//! its feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Utilities>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its work items, which it learns by
//! following the registry's feed, and beside it `rectify.utilities.v1.UtilitiesService`, whose
//! Record* methods complete them.

use rectify_campaign::ServiceName;
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

rectify_workitems::bureau_service! {
    /// The utilities service (两断三清).
    Utilities = ServiceName::Utilities;
    recorded through UtilitiesServiceServer: RECORDED_THROUGH_SERVICE;
    api: |host, _args, bureau| UtilitiesApi::new(host.journal.clone(), bureau);
}
