//! The licensing service as the shared skeleton sees it: its name, port, migrations, who reads
//! its feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Licensing>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its work items, which it learns by
//! following the registry's feed, and beside it `rectify.licensing.v1.LicensingService`, whose
//! SetApproval and Record*Revocation methods complete them.

use rectify_campaign::ServiceName;
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

rectify_workitems::bureau_service! {
    /// The licensing service (审批手续). Beside its work items it follows the registry's findings
    /// for what each survey assessed of the seven approvals.
    Licensing = ServiceName::Licensing;
    recorded through LicensingServiceServer: RECORDED_THROUGH_SERVICE;
    api: |host, args, bureau| {
        crate::follow::follow_findings(host, args)?;
        LicensingApi::new(host.journal.clone(), bureau)
    };
}
