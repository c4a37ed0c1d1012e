//! The environment service as the shared skeleton sees it: its name, port, migrations, who
//! reads its feed, and its gRPC services. It serves `WorkItemService` for its items (following
//! the registry), `EnvironmentService` beside it, and follows utilities' feed for rebound
//! suspicions.

use rectify_campaign::ServiceName;
use rectify_kit::peer::Peer;
use rectify_proto::environment::v1::environment_service_server::EnvironmentServiceServer;

use crate::api::EnvironmentApi;
use crate::domain::RECORDED_THROUGH_SERVICE;

rectify_workitems::bureau_service! {
    /// The environment service (污染防治与巡查). Beside its work items it follows utilities'
    /// feed for rebound suspicions, and calls the registry to reopen an enterprise found
    /// running again.
    Environment = ServiceName::Environment;
    recorded through EnvironmentServiceServer: RECORDED_THROUGH_SERVICE;
    api: |host, args, bureau| {
        crate::follow::follow_utilities(host, args)?;
        let (url, outbound) = args.registry_feed()?;
        let registry = Peer::connect("registry", &url, &outbound)?;
        EnvironmentApi::new(host.journal.clone(), bureau, registry)
    };
}
