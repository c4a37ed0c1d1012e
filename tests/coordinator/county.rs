//! What the coordinator's cross-service tests share: the registry and the five bureau services,
//! each on its own database and following the feeds it needs, and coordinators following all
//! six; tokens for any party valid on every service; reading the coordinator until it has
//! caught up with every feed.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rectify_campaign::ServiceName;
use rectify_coordinator::Coordinator;
use rectify_environment::Environment;
use rectify_kit::auth::{PartyKind, SERVICE_AUDIENCES};
use rectify_kit::clock::Clock;
use rectify_kit::service::{Service, ServiceArgs};
use rectify_land::Land;
use rectify_licensing::Licensing;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_registry::Registry;
use rectify_safety::Safety;
use rectify_testkit::workitems::spawn_following_all_with;
use rectify_testkit::{Backend, TestKeys, TestService, authorized};
use rectify_utilities::Utilities;
use tonic::transport::Channel;

/// Connections each service of a county may hold: seven services of several tests at once must
/// fit PostgreSQL's connection limit.
const POOL: u32 = 4;

fn small_pool(args: &mut ServiceArgs) {
    args.service.db_max_connections = POOL;
}

/// `S` following `peers`, on a small pool.
async fn spawn<S: Service>(
    backend: Backend,
    keys: &Arc<TestKeys>,
    peers: &[(ServiceName, SocketAddr)],
    clock: &Clock,
) -> Option<TestService<S>> {
    spawn_following_all_with::<S>(backend, keys.clone(), peers, clock, small_pool).await
}

/// Every service of the campaign but the coordinator, on one backend and one key set.
pub struct County {
    pub keys: Arc<TestKeys>,
    pub clock: Clock,
    pub registry: TestService<Registry>,
    pub utilities: TestService<Utilities>,
    pub licensing: TestService<Licensing>,
    pub land: TestService<Land>,
    pub safety: TestService<Safety>,
    pub environment: TestService<Environment>,
}

impl County {
    /// The six services on fresh databases of `backend`, the bureaus' clock `clock`; `None`
    /// where the backend is not available.
    pub async fn spawn(backend: Backend, clock: Clock) -> Option<County> {
        let keys = Arc::new(TestKeys::new());
        let registry =
            TestService::<Registry>::spawn_with(backend, keys.clone(), small_pool).await?;
        let on_registry = [(ServiceName::Registry, registry.server.addr)];
        let utilities = spawn::<Utilities>(backend, &keys, &on_registry, &clock).await?;
        let licensing = spawn::<Licensing>(backend, &keys, &on_registry, &clock).await?;
        let land = spawn::<Land>(backend, &keys, &on_registry, &clock).await?;
        let safety = spawn::<Safety>(backend, &keys, &on_registry, &clock).await?;
        let on_both = [
            (ServiceName::Registry, registry.server.addr),
            (ServiceName::Utilities, utilities.server.addr),
        ];
        let environment = spawn::<Environment>(backend, &keys, &on_both, &clock).await?;
        Some(County {
            keys,
            clock,
            registry,
            utilities,
            licensing,
            land,
            safety,
            environment,
        })
    }

    /// Where each of the six answers.
    pub fn peers(&self) -> Vec<(ServiceName, SocketAddr)> {
        vec![
            (ServiceName::Registry, self.registry.server.addr),
            (ServiceName::Utilities, self.utilities.server.addr),
            (ServiceName::Licensing, self.licensing.server.addr),
            (ServiceName::Land, self.land.server.addr),
            (ServiceName::Safety, self.safety.server.addr),
            (ServiceName::Environment, self.environment.server.addr),
        ]
    }

    /// A coordinator on a fresh database following all six feeds.
    pub async fn coordinator(&self) -> TestService<Coordinator> {
        let backend = self.registry.db.backend;
        spawn::<Coordinator>(backend, &self.keys, &self.peers(), &self.clock)
            .await
            .expect("the backend the county runs on")
    }

    /// A one-hour token of `party` (kind `kind`) valid on every service.
    pub fn token(&self, party: &str, kind: PartyKind) -> String {
        let roles: &[&str] = if kind == PartyKind::Office {
            &["pii"]
        } else {
            &[]
        };
        self.keys.token_for(&SERVICE_AUDIENCES, party, kind, roles)
    }

    pub fn office(&self) -> String {
        self.token("office", PartyKind::Office)
    }

    /// Each service's feed head, as the office reads it.
    pub async fn heads(&self) -> Vec<(ServiceName, i64)> {
        vec![
            (ServiceName::Registry, self.registry.feed_head().await),
            (ServiceName::Utilities, self.utilities.feed_head().await),
            (ServiceName::Licensing, self.licensing.feed_head().await),
            (ServiceName::Land, self.land.feed_head().await),
            (ServiceName::Safety, self.safety.feed_head().await),
            (ServiceName::Environment, self.environment.feed_head().await),
        ]
    }

    /// Waits (up to 60 s) until the six feeds have stopped moving and `coordinator` has applied
    /// every change of each.
    pub async fn caught_up(&self, coordinator: &TestService<Coordinator>) {
        rectify_testkit::coordinator::caught_up(
            || self.heads(),
            coordinator.channel(),
            &coordinator.office(),
        )
        .await;
    }
}

pub fn client(coordinator: &TestService<Coordinator>) -> CoordinatorServiceClient<Channel> {
    CoordinatorServiceClient::new(coordinator.channel())
}

/// The coordinator's audit anchors, as `token` reads them.
pub async fn anchors(coordinator: &TestService<Coordinator>, token: &str) -> Vec<pb::AuditAnchor> {
    client(coordinator)
        .get_audit_anchors(authorized(pb::GetAuditAnchorsRequest::default(), token))
        .await
        .expect("audit anchors")
        .into_inner()
        .anchors
}

/// One enterprise's progress as the office sees it.
pub async fn progress(
    coordinator: &TestService<Coordinator>,
    name: &str,
) -> Option<pb::EnterpriseProgress> {
    client(coordinator)
        .get_enterprise_progress(authorized(
            pb::GetEnterpriseProgressRequest { name: name.into() },
            &coordinator.office(),
        ))
        .await
        .ok()
        .map(tonic::Response::into_inner)
}

/// The enterprise's progress once `ready` holds (waiting up to 20 s).
pub async fn progress_when(
    coordinator: &TestService<Coordinator>,
    name: &str,
    ready: impl Fn(&pb::EnterpriseProgress) -> bool,
) -> pb::EnterpriseProgress {
    let mut last = None;
    for _ in 0..400 {
        last = progress(coordinator, name).await;
        if last.as_ref().is_some_and(&ready) {
            return last.expect("checked");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{name} never reached the expected progress; last seen {last:?}");
}

/// Every enterprise's progress `request` selects, page by page, as `token` reads it.
pub async fn all_progress(
    coordinator: &TestService<Coordinator>,
    token: &str,
    request: pb::ListEnterpriseProgressRequest,
) -> Vec<pb::EnterpriseProgress> {
    let mut out = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = client(coordinator)
            .list_enterprise_progress(authorized(
                pb::ListEnterpriseProgressRequest {
                    page_token: page_token.clone(),
                    ..request.clone()
                },
                token,
            ))
            .await
            .expect("list progress")
            .into_inner();
        out.extend(page.enterprises);
        if page.next_page_token.is_empty() {
            return out;
        }
        page_token = page.next_page_token;
    }
}
