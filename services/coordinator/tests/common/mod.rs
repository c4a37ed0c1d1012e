//! What the coordinator's own tests share: a registry and a coordinator following its feed, on
//! fresh databases of one backend with shared keys; tokens of any party for the coordinator;
//! waiting until the coordinator has applied the registry's feed.

#![allow(dead_code)]

use rectify_campaign::ServiceName;
use rectify_coordinator::Coordinator;
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_registry::Registry;
use rectify_testkit::coordinator::caught_up;
use rectify_testkit::workitems::spawn_following_all;
use rectify_testkit::{Backend, TestService};
use tonic::transport::Channel;

/// The registry and a coordinator following it.
pub struct Scene {
    pub registry: TestService<Registry>,
    pub coordinator: TestService<Coordinator>,
}

impl Scene {
    pub async fn spawn(backend: Backend) -> Option<Scene> {
        let registry = TestService::<Registry>::spawn(backend).await?;
        let coordinator = spawn_following_all::<Coordinator>(
            backend,
            registry.keys.clone(),
            &[(ServiceName::Registry, registry.server.addr)],
            &Clock::system(),
        )
        .await?;
        Some(Scene {
            registry,
            coordinator,
        })
    }

    pub fn client(&self) -> CoordinatorServiceClient<Channel> {
        CoordinatorServiceClient::new(self.coordinator.channel())
    }

    /// A coordinator token of `party` of `kind`.
    pub fn token(&self, party: &str, kind: PartyKind) -> String {
        let roles: &[&str] = if kind == PartyKind::Office {
            &["pii"]
        } else {
            &[]
        };
        self.coordinator.token(party, kind, roles)
    }

    pub fn office(&self) -> String {
        self.token("office", PartyKind::Office)
    }

    /// Waits until the coordinator has applied the registry's feed to its head.
    pub async fn caught_up(&self) {
        let heads = || async { vec![(ServiceName::Registry, self.registry.feed_head().await)] };
        caught_up(heads, self.coordinator.channel(), &self.office()).await;
    }
}
