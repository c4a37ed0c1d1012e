//! The safety service as the shared skeleton sees it: its name, port, migrations, who reads its
//! feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Safety>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its `safety_check` items, which it
//! learns by following the registry's feed, and beside it `rectify.safety.v1.SafetyService`,
//! whose RecordInspection and RecordHazardFix complete or block them.

use rectify_campaign::ServiceName;
use rectify_proto::safety::v1::safety_service_server::SafetyServiceServer;

use crate::api::SafetyApi;

/// The kinds completed through `SafetyService`'s own methods, never `CompleteWorkItem`.
pub const RECORDED_THROUGH_SERVICE: &[&str] = &["safety_check"];

rectify_workitems::bureau_service! {
    /// The safety service (安全生产).
    Safety = ServiceName::Safety;
    recorded through SafetyServiceServer: RECORDED_THROUGH_SERVICE;
    api: |host, _args, bureau| SafetyApi::new(host.journal.clone(), bureau);
}
