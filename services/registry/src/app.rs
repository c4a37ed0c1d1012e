//! The registry as the shared skeleton sees it: its name, port, migrations,
//! who reads its feed, and its gRPC service. The binary, the launcher and the
//! tests all run it through `rectify_kit::service::App<Registry>`.

use std::sync::Arc;

use rectify_campaign::ServiceName;
use rectify_proto::registry::v1::registry_service_server::RegistryServiceServer;

use crate::api::RegistryApi;
use crate::store::Store;

rectify_kit::service! {
    /// The registry (台账).
    Registry = ServiceName::Registry;
    serves RegistryServiceServer;
    api: |host, args| {
        let campaign = Arc::new(args.load_campaign()?);
        RegistryApi::new(Store::new(host.journal.clone(), campaign, args.clock.clone()))
    };
}
