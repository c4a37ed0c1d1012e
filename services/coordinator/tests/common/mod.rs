//! What the coordinator's own tests share: a registry and a coordinator following its feed, on
//! fresh databases of one backend with shared keys; tokens of any party for the coordinator;
//! waiting until the coordinator has applied the registry's feed.

#![allow(dead_code)]

use std::time::Duration;

use rectify_campaign::ServiceName;
use rectify_coordinator::Coordinator;
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_registry::Registry;
use rectify_testkit::workitems::spawn_following_all;
use rectify_testkit::{Backend, TestService, authorized};
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
        let head = self.registry.settled_head(0).await;
        for _ in 0..400 {
            let anchors = self
                .client()
                .get_audit_anchors(authorized(
                    pb::GetAuditAnchorsRequest::default(),
                    &self.office(),
                ))
                .await
                .expect("anchors")
                .into_inner()
                .anchors;
            if anchors
                .iter()
                .any(|a| a.service == "registry" && a.seq == head)
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the coordinator did not apply the registry's feed up to {head}");
    }
}
