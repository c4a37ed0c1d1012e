//! The coordinator as the shared skeleton sees it: its name, port, migrations and gRPC service.
//! It follows the registry's and the five bureau services' feeds into its projection
//! ([`follow`](crate::follow)) and serves `CoordinatorService` over it.

use std::sync::Arc;

use rectify_campaign::ServiceName;
use rectify_kit::peer::Peer;
use rectify_proto::coordinator::v1::coordinator_service_server::CoordinatorServiceServer;

use crate::api::CoordinatorApi;
use crate::follow::{Changes, follow_all};
use crate::store::Store;

rectify_kit::service! {
    /// The coordinator (协调).
    Coordinator = ServiceName::Coordinator;
    serves CoordinatorServiceServer;
    api: |host, args| {
        let campaign = Arc::new(args.load_campaign()?);
        let changes = Changes::new();
        follow_all(host, args, &campaign, &changes)?;
        let registry = match args.peer_of(ServiceName::Registry)? {
            Some((url, outbound)) => Some(Peer::connect("registry", &url, &outbound)?),
            None => None,
        };
        CoordinatorApi::new(
            Store::new(host.db.clone()),
            host.journal.clone(),
            campaign,
            args.clock.clone(),
            registry,
            changes,
        )
    };
}
