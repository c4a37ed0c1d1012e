//! The licensing service as the shared skeleton sees it: its name, port, migrations, who reads
//! its feed, and its gRPC services. The binary, the launcher and the tests all run it through
//! `rectify_kit::service::App<Licensing>`.
//!
//! It serves `rectify.workitems.v1.WorkItemService` for its work items, which it learns by
//! following the registry's feed, and beside it `rectify.licensing.v1.LicensingService`, whose
//! SetApproval and Record*Revocation methods complete them.

use std::sync::Arc;

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::licensing::v1::licensing_service_server::LicensingServiceServer;
use sqlx::migrate::Migrator;

use crate::api::LicensingApi;

static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");
static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");

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
            ServiceName::Licensing,
            campaign.clone(),
            RECORDED_THROUGH_SERVICE,
        )?;
        let api = LicensingApi::new(host.journal.clone(), campaign, args.clock.clone());
        let limit = host.max_message_bytes();
        Ok(routes.serve(
            LicensingServiceServer::new(api)
                .max_decoding_message_size(limit)
                .max_encoding_message_size(limit),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Approval;

    #[test]
    fn every_approval_item_kind_is_recorded_through_the_service() {
        for approval in Approval::all() {
            assert!(
                RECORDED_THROUGH_SERVICE.contains(&approval.item_kind().as_str()),
                "{} missing",
                approval.item_kind()
            );
        }
    }
}
