//! What the safety tests share: the registry and safety as separate servers on their own
//! databases with shared keys, safety following the registry on a clock the test holds; a
//! published upgrade plan and its `safety_check` item; good requests; what a refused call could
//! have changed.

#![allow(dead_code)]

use std::ops::Deref;

use rectify_proto::safety::v1 as pb;
use rectify_proto::safety::v1::safety_service_client::SafetyServiceClient;
use rectify_proto::workitems::v1 as wpb;
use rectify_registry::Registry;
use rectify_safety::Safety;
use rectify_testkit::bureau::{BureauScene, Stored};
use rectify_testkit::workitems::upgrade_plan_items;
use rectify_testkit::{Backend, authorized};
use tonic::transport::Channel;

pub use rectify_testkit::evidence::{at, when};

/// When the good inspection was made: an hour before the scene's clock.
pub const INSPECTED: &str = "2021-10-15T09:00:00+08:00";
/// When the good fix was checked: half an hour before the scene's clock.
pub const FIXED: &str = "2021-10-15T09:30:00+08:00";

/// The registry, safety following it, and one published upgrade plan of a workshop in `yuelai`
/// with its `safety_check` item.
pub struct Scene {
    /// The registry and safety following it.
    pub services: BureauScene<Registry, Safety>,
    /// The workshop's enterprise name.
    pub enterprise: String,
    /// The `safety_check` item as first listed.
    pub item: wpb::WorkItem,
}

/// The registry, safety and their tokens, as the tests reach them through the scene.
impl Deref for Scene {
    type Target = BureauScene<Registry, Safety>;

    fn deref(&self) -> &Self::Target {
        &self.services
    }
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
        let services = BureauScene::spawn(backend).await?;
        let (enterprise, mut items) = upgrade_plan_items(
            &services.registry,
            &services.service,
            "yuelai",
            "悦来镇宏达米业",
            missing_permit(),
            1,
        )
        .await;
        let item = items.remove(0);
        Some(Scene {
            services,
            enterprise,
            item,
        })
    }

    pub fn client(&self) -> SafetyServiceClient<Channel> {
        SafetyServiceClient::new(self.service.channel())
    }

    /// What a refused call could have changed: the feed head, every item's etag, every hazard.
    pub async fn stored(&self) -> Stored<Vec<pb::Hazard>> {
        let mut client = self.client();
        let list = client.list_hazards(self.as_office(Default::default()));
        self.stored_with(list, |page| page.hazards).await
    }

    /// An inspection of the `safety_check` item at [`INSPECTED`] that found `hazards`.
    pub fn inspection(
        &self,
        request_id: &str,
        hazards: Vec<pb::Hazard>,
    ) -> pb::RecordInspectionRequest {
        pb::RecordInspectionRequest {
            request_id: request_id.into(),
            work_item: self.item.name.clone(),
            etag: String::new(),
            inspected_at: when(INSPECTED),
            inspectors: vec!["张伟".into(), "刘洋".into()],
            evidence: photo(),
            hazards,
        }
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
