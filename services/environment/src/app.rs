//! The environment service as the shared skeleton sees it: its name, port, migrations, who
//! reads its feed, and its gRPC services. It serves `WorkItemService` for its items (following
//! the registry), `EnvironmentService` beside it, and follows utilities' feed for rebound
//! suspicions.

use rectify_campaign::ServiceName;
use rectify_kit::db::Migrations;
use rectify_kit::host::Host;
use rectify_kit::peer::Peer;
use rectify_kit::service::{Routes, Service, ServiceArgs};
use rectify_proto::environment::v1::environment_service_server::EnvironmentServiceServer;

use crate::api::EnvironmentApi;
use crate::domain::RECORDED_THROUGH_SERVICE;

/// The environment service (污染防治与巡查).
#[derive(Debug)]
pub struct Environment;

/// The environment service runs through the shared skeleton.
pub type App = rectify_kit::service::App<Environment>;

impl Service for Environment {
    const NAME: &'static str = "environment";
    const TITLE_ZH: &'static str = "污染防治与巡查";
    const DEFAULT_PORT: u16 = 50056;
    const MIGRATIONS: Migrations = rectify_workitems::bureau_migrations!();

    async fn routes(host: &Host, args: &ServiceArgs) -> anyhow::Result<Routes> {
        let (routes, bureau) = rectify_workitems::serve_bureau(
            host,
            args,
            ServiceName::Environment,
            RECORDED_THROUGH_SERVICE,
        )?;
        crate::follow::follow_utilities(host, args)?;
        let (url, outbound) = args.registry_feed()?;
        let registry = Peer::connect("registry", &url, &outbound)?;
        let api = EnvironmentApi::new(host.journal.clone(), bureau, registry);
        Ok(routes.serve(rectify_kit::limited!(
            host,
            EnvironmentServiceServer::new(api)
        )))
    }
}
