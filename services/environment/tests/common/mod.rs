//! What the environment tests share: the registry and environment (and utilities where a
//! rebound suspicion is tested) as separate servers on their own databases with shared keys,
//! following each other's feeds on a clock the test holds; a published close plan and its
//! `rebound_patrol` item; good requests; tokens.

#![allow(dead_code)]

use std::ops::Deref;

use rectify_campaign::ServiceName;
use rectify_environment::Environment;
use rectify_kit::clock::Clock;
use rectify_proto::environment::v1 as pb;
use rectify_proto::environment::v1::environment_service_client::EnvironmentServiceClient;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::workitems::v1 as wpb;
use rectify_registry::Registry;
use rectify_testkit::bureau::BureauScene;
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::{
    close_plan_items, of_kind, spawn_following, spawn_following_all, upgrade_plan_items,
};
use rectify_testkit::{Backend, TestService, authorized};
use rectify_utilities::Utilities;
use tonic::transport::Channel;

pub use rectify_testkit::bureau::NOW;
pub use rectify_testkit::evidence::{at, when};

/// When the patrol or sample happened in the good requests.
pub const EARLIER: &str = "2021-10-15T09:30:00+08:00";

/// The registry, environment following it (and utilities, when asked), and a close plan of a
/// workshop in `yuelai` with environment's `rebound_patrol` item.
pub struct Scene {
    /// The registry and environment following it.
    pub services: BureauScene<Registry, Environment>,
    /// The workshop's enterprise name.
    pub enterprise: String,
    /// The close plan's `rebound_patrol` item.
    pub patrol_item: wpb::WorkItem,
    /// Utilities, followed by environment too, when the test asked for it.
    pub utilities: Option<TestService<Utilities>>,
}

/// The registry, environment and their tokens, as the tests reach them through the scene.
impl Deref for Scene {
    type Target = BureauScene<Registry, Environment>;

    fn deref(&self) -> &Self::Target {
        &self.services
    }
}

impl Scene {
    /// The services on fresh databases of `backend`, utilities among them if `with_utilities`;
    /// `None` where the backend is not available.
    pub async fn spawn(backend: Backend, with_utilities: bool) -> Option<Scene> {
        let registry = TestService::<Registry>::spawn(backend).await?;
        let clock = Clock::fixed(at(NOW));
        let utilities = if with_utilities {
            Some(spawn_following::<Utilities, _>(&registry, &clock).await?)
        } else {
            None
        };
        let mut peers = vec![(ServiceName::Registry, registry.server.addr)];
        peers.extend(
            utilities
                .as_ref()
                .map(|u| (ServiceName::Utilities, u.server.addr)),
        );
        let environment =
            spawn_following_all::<Environment>(backend, registry.keys.clone(), &peers, &clock)
                .await?;
        let (enterprise, items) =
            close_plan_items(&registry, &environment, "yuelai", "悦来镇宏达米业", 1).await;
        let patrol_item = items.into_iter().next().expect("the patrol item");
        Some(Scene {
            services: BureauScene {
                registry,
                service: environment,
                clock,
            },
            enterprise,
            patrol_item,
            utilities,
        })
    }

    pub fn client(&self) -> EnvironmentServiceClient<Channel> {
        EnvironmentServiceClient::new(self.service.channel())
    }

    pub fn eco(&self) -> String {
        self.bureau("eco")
    }

    /// Asserts that environment recorded nothing after `head`.
    pub async fn assert_nothing_stored(&self, head: i64) {
        self.service
            .assert_nothing_after(head, "nothing stored")
            .await;
    }

    /// The enterprise as the registry's office sees it.
    pub async fn enterprise(&self) -> rpb::Enterprise {
        self.registry
            .registry()
            .get_enterprise(authorized(
                rpb::GetEnterpriseRequest {
                    name: self.enterprise.clone(),
                },
                &self.registry.office(),
            ))
            .await
            .expect("get enterprise")
            .into_inner()
    }

    /// The enterprise is signed off in the registry (closed: under watch), as the coordinator
    /// does for the office once the plan is complete.
    pub async fn sign_off(&self) {
        let e = self.enterprise().await;
        self.registry
            .registry()
            .sign_off_enterprise(authorized(
                rpb::SignOffEnterpriseRequest {
                    request_id: "sign-off".into(),
                    name: self.enterprise.clone(),
                    etag: e.etag,
                    note: String::new(),
                },
                &self.registry.service("coordinator"),
            ))
            .await
            .expect("sign off");
    }

    /// A published upgrade plan of a brickworks in 悦来镇 and environment's two items of it:
    /// `pollution_upgrade` and `daily_supervision`, in that order.
    pub async fn upgrade(&self) -> (wpb::WorkItem, wpb::WorkItem) {
        let (_, items) = upgrade_plan_items(
            &self.registry,
            &self.service,
            "yuelai",
            "悦来镇兴旺砖厂",
            rpb::Approvals::default(),
            2,
        )
        .await;
        (
            of_kind(&items, "pollution_upgrade").clone(),
            of_kind(&items, "daily_supervision").clone(),
        )
    }

    pub async fn due(&self) -> Vec<pb::DuePatrol> {
        self.client()
            .list_due_patrols(authorized(
                pb::ListDuePatrolsRequest::default(),
                &self.office(),
            ))
            .await
            .expect("list due patrols")
            .into_inner()
            .due_patrols
    }
}

pub fn photo() -> Option<wpb::Evidence> {
    rectify_testkit::evidence::evidence(at(EARLIER))
}

pub fn patrol(
    request_id: &str,
    work_item: &str,
    found_running: bool,
) -> pb::RecordReboundPatrolRequest {
    pb::RecordReboundPatrolRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        patrolled_at: when(EARLIER),
        found_running,
        evidence: photo(),
    }
}

pub fn monitoring(request_id: &str, work_item: &str) -> pb::RecordDischargeMonitoringRequest {
    pb::RecordDischargeMonitoringRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        pollutant: "COD".into(),
        measured_value: "42.5".into(),
        limit: "50".into(),
        unit: pb::Unit::MgPerL as i32,
        sampled_at: when(EARLIER),
    }
}

pub fn pollution_control(request_id: &str, work_item: &str) -> pb::RecordPollutionControlRequest {
    pb::RecordPollutionControlRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        facility_type: "布袋除尘器".into(),
        installed_at: when(EARLIER),
        evidence: photo(),
    }
}

pub fn outlet_check(request_id: &str, work_item: &str) -> pb::RecordSewageOutletCheckRequest {
    pb::RecordSewageOutletCheckRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        outlet_code: "DW001".into(),
        conforming: true,
        note: String::new(),
        checked_at: when(EARLIER),
    }
}
