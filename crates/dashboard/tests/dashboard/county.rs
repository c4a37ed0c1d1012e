//! A dashboard wired to a real coordinator that follows a real county (the registry and the
//! five bureau services, each on its own fresh database of one backend, on port 0), as in a
//! deployment: the dashboard calls the coordinator with an office token.

use rectify_coordinator::Coordinator;
use rectify_dashboard::coordinator::CoordinatorSettings;
use rectify_kit::auth::{PartyKind, SERVICE_AUDIENCES};
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_testkit::county::County;
use rectify_testkit::workitems::spawn_following_all_with;
use rectify_testkit::{Backend, TestService, authorized};
use tonic::transport::Channel;

use crate::common::{TestDashboard, start_of_test};

/// The county, its coordinator and a dashboard reading both.
pub struct CountyDashboard {
    pub county: County,
    pub coordinator: TestService<Coordinator>,
    pub dashboard: TestDashboard,
}

impl CountyDashboard {
    /// Everything on fresh `backend` databases, on one clock at [`start_of_test`]; `None`
    /// where the backend is not available (PostgreSQL outside CI).
    pub async fn start(backend: Backend) -> Option<CountyDashboard> {
        let county = County::spawn(backend, start_of_test()).await?;
        let peers = county.peers();
        let coordinator = spawn_following_all_with::<Coordinator>(
            backend,
            county.registry.keys.clone(),
            &peers,
            &county.clock,
            |_| {},
        )
        .await?;
        let settings = CoordinatorSettings {
            url: format!("http://{}", coordinator.server.addr),
            token: coordinator.office().into(),
        };
        let registry_url = format!("http://{}", county.registry.server.addr);
        let dashboard = TestDashboard::start_with(backend, county.clock.clone(), |config| {
            config.registry_url = Some(registry_url);
            config.coordinator = Some(settings);
        })
        .await?;
        Some(CountyDashboard {
            county,
            coordinator,
            dashboard,
        })
    }

    /// A token of `party` valid on every service.
    pub fn token(&self, party: &str, kind: PartyKind) -> String {
        self.county
            .registry
            .keys
            .token_for(&SERVICE_AUDIENCES, party, kind, &[])
    }

    fn client(&self) -> CoordinatorServiceClient<Channel> {
        CoordinatorServiceClient::new(self.coordinator.channel())
    }

    /// The whole campaign's summary, as the office reads it over gRPC.
    pub async fn summary(&self) -> pb::Summary {
        self.client()
            .get_summary(authorized(
                pb::GetSummaryRequest {},
                &self.coordinator.office(),
            ))
            .await
            .expect("GetSummary")
            .into_inner()
    }

    /// One summary per key of `dimension`.
    pub async fn summaries(&self, dimension: pb::Dimension) -> Vec<pb::Summary> {
        self.client()
            .list_summaries(authorized(
                pb::ListSummariesRequest {
                    dimension: dimension as i32,
                },
                &self.coordinator.office(),
            ))
            .await
            .expect("ListSummaries")
            .into_inner()
            .summaries
    }

    /// Every enterprise `request` selects, page by page.
    pub async fn enterprises(
        &self,
        request: pb::ListEnterpriseProgressRequest,
    ) -> Vec<pb::EnterpriseProgress> {
        let mut out = Vec::new();
        let mut page_token = String::new();
        loop {
            let page = self
                .client()
                .list_enterprise_progress(authorized(
                    pb::ListEnterpriseProgressRequest {
                        page_token: page_token.clone(),
                        ..request.clone()
                    },
                    &self.coordinator.office(),
                ))
                .await
                .expect("ListEnterpriseProgress")
                .into_inner();
            out.extend(page.enterprises);
            if page.next_page_token.is_empty() {
                return out;
            }
            page_token = page.next_page_token;
        }
    }

    /// One enterprise's progress.
    pub async fn progress(&self, name: &str) -> pb::EnterpriseProgress {
        self.client()
            .get_enterprise_progress(authorized(
                pb::GetEnterpriseProgressRequest { name: name.into() },
                &self.coordinator.office(),
            ))
            .await
            .expect("GetEnterpriseProgress")
            .into_inner()
    }

    /// Waits (up to 60 s) until every service's feed has stopped moving and the coordinator
    /// has applied all of each.
    pub async fn caught_up(&self) {
        rectify_testkit::coordinator::caught_up(
            || self.county.heads(),
            self.coordinator.channel(),
            &self.coordinator.office(),
        )
        .await;
    }

    /// Stops the dashboard, the coordinator and the county.
    pub async fn stop(self) {
        self.dashboard.stop().await;
        drop(self.coordinator.stop().await);
        self.county.shutdown().await;
    }
}
