//! What the safety tests share: the registry and safety as separate servers on their own
//! databases with shared keys, safety following the registry on a clock the test holds; a
//! published upgrade plan and its `safety_check` item; good requests; what a refused call could
//! have changed.

#![allow(dead_code)]

use chrono::{DateTime, Utc};
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_proto::safety::v1 as pb;
use rectify_proto::safety::v1::safety_service_client::SafetyServiceClient;
use rectify_proto::workitems::v1 as wpb;
use rectify_registry::Registry;
use rectify_safety::Safety;
use rectify_testkit::workitems::{WorkItemHarness as _, spawn_following, upgrade_plan_items};
use rectify_testkit::{Backend, TestService, authorized};
use tonic::transport::Channel;

/// The instant safety's clock reads: 10:00 CST, 15 October 2021.
pub const NOW: &str = "2021-10-15T10:00:00+08:00";
/// When the good inspection was made: an hour before [`NOW`].
pub const INSPECTED: &str = "2021-10-15T09:00:00+08:00";
/// When the good fix was checked: half an hour before [`NOW`].
pub const FIXED: &str = "2021-10-15T09:30:00+08:00";

pub use rectify_testkit::evidence::{at, when};

/// The registry, safety following it, and one published upgrade plan of a workshop in `yuelai`
/// with its `safety_check` item.
pub struct Scene {
    pub registry: TestService<Registry>,
    pub safety: TestService<Safety>,
    pub clock: Clock,
    pub enterprise: String,
    /// The `safety_check` item as first listed.
    pub item: wpb::WorkItem,
}

/// The approvals of the sample workshop: its environmental permit missing.
fn missing_permit() -> rectify_proto::registry::v1::Approvals {
    rectify_proto::registry::v1::Approvals {
        environmental: Some(false),
        ..Default::default()
    }
}

impl Scene {
    /// Both services on fresh databases of `backend`; `None` where it is not available.
    pub async fn spawn(backend: Backend) -> Option<Scene> {
        let registry = TestService::<Registry>::spawn(backend).await?;
        let at = DateTime::parse_from_rfc3339(NOW)
            .expect("now")
            .with_timezone(&Utc);
        let clock = Clock::fixed(at);
        let safety = spawn_following::<Safety, _>(&registry, &clock).await?;
        let (enterprise, mut items) = upgrade_plan_items(
            &registry,
            &safety,
            "yuelai",
            "悦来镇宏达米业",
            missing_permit(),
            1,
        )
        .await;
        let item = items.remove(0);
        Some(Scene {
            registry,
            safety,
            clock,
            enterprise,
            item,
        })
    }

    pub fn client(&self) -> SafetyServiceClient<Channel> {
        SafetyServiceClient::new(self.safety.channel())
    }

    pub fn bureau(&self, code: &str) -> String {
        self.safety.token(code, PartyKind::Bureau, &[])
    }

    pub fn office(&self) -> String {
        self.safety.office()
    }

    /// The safety bureau records `request`.
    pub async fn inspect(
        &self,
        request: pb::RecordInspectionRequest,
    ) -> pb::RecordInspectionResponse {
        self.client()
            .record_inspection(authorized(request, &self.bureau("safety")))
            .await
            .expect("the safety bureau records an inspection")
            .into_inner()
    }
}

/// What a refused call could have changed: the feed head, the item's etag, every hazard.
pub async fn stored(scene: &Scene) -> (i64, String, Vec<pb::Hazard>) {
    let item = scene.safety.work_item(&scene.item.name).await;
    let hazards = scene
        .client()
        .list_hazards(authorized(
            pb::ListHazardsRequest::default(),
            &scene.office(),
        ))
        .await
        .expect("list hazards")
        .into_inner()
        .hazards;
    (scene.safety.feed_head().await, item.etag, hazards)
}

/// Evidence of one photo.
pub fn photo() -> Option<wpb::Evidence> {
    rectify_testkit::evidence::evidence(at(INSPECTED))
}

/// A hazard of `level` to be fixed by 30 October.
pub fn hazard(level: pb::HazardLevel, description: &str) -> pb::Hazard {
    pb::Hazard {
        level: level as i32,
        description: description.into(),
        fix_deadline: "2021-10-30".into(),
        ..Default::default()
    }
}

/// An inspection of `work_item` at [`INSPECTED`] that found `hazards`.
pub fn inspection(
    request_id: &str,
    work_item: &str,
    hazards: Vec<pb::Hazard>,
) -> pb::RecordInspectionRequest {
    pb::RecordInspectionRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        inspected_at: when(INSPECTED),
        inspectors: vec!["张伟".into(), "刘洋".into()],
        evidence: photo(),
        hazards,
    }
}

/// A fix of `hazard` checked at [`FIXED`].
pub fn fix(request_id: &str, hazard: &str) -> pb::RecordHazardFixRequest {
    pb::RecordHazardFixRequest {
        request_id: request_id.into(),
        hazard: hazard.into(),
        fixed_at: when(FIXED),
        evidence: photo(),
        note: "已加装漏电保护器".into(),
    }
}
