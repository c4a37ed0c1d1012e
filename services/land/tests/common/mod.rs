//! What the land tests share: the registry and land as separate servers on their own databases
//! with shared keys, land following the registry on a clock the test holds; a published relocate
//! plan and its three land items; good requests for every `LandService` method; tokens.

#![allow(dead_code)]

use std::ops::Deref;

use rectify_land::Land;
use rectify_proto::land::v1 as pb;
use rectify_proto::land::v1::land_service_client::LandServiceClient;
use rectify_proto::registry::v1::Category;
use rectify_proto::workitems::v1 as wpb;
use rectify_registry::Registry;
use rectify_testkit::bureau::{BureauScene, Stored};
use rectify_testkit::registry::relocate_criteria;
use rectify_testkit::workitems::{of_kind, plan_items};
use rectify_testkit::{Backend, authorized};
use tonic::transport::Channel;

pub use rectify_testkit::evidence::{at, when};

/// When the work was done in the good requests: half an hour before the scene's clock.
pub const DONE_AT: &str = "2021-10-15T09:30:00+08:00";

/// A day after the scene's clock.
pub const TOMORROW: &str = "2021-10-16T10:00:00+08:00";

/// The workshop whose relocate plan the tests publish, in 悦来镇.
pub const WORKSHOP: &str = "悦来镇顺发塑料加工点";

/// The registry, land following it, and one published relocate plan of a workshop in `yuelai`
/// with its three land items.
pub struct Scene {
    /// The registry and land following it.
    pub services: BureauScene<Registry, Land>,
    /// The workshop's enterprise name.
    pub enterprise: String,
    /// The plan's land items, oldest first.
    pub items: Vec<wpb::WorkItem>,
}

/// The registry, land and their tokens, as the tests reach them through the scene.
impl Deref for Scene {
    type Target = BureauScene<Registry, Land>;

    fn deref(&self) -> &Self::Target {
        &self.services
    }
}

impl Scene {
    /// Both services on fresh databases of `backend`; `None` where it is not available.
    pub async fn spawn(backend: Backend) -> Option<Scene> {
        let services = BureauScene::spawn(backend).await?;
        let (enterprise, items) = plan_items(
            &services.registry,
            &services.service,
            ("yuelai", WORKSHOP),
            relocate_criteria(),
            Category::Relocate,
            3,
        )
        .await;
        Some(Scene {
            services,
            enterprise,
            items,
        })
    }

    /// The name of the item of `kind`.
    pub fn item(&self, kind: &str) -> String {
        of_kind(&self.items, kind).name.clone()
    }

    pub fn client(&self) -> LandServiceClient<Channel> {
        LandServiceClient::new(self.service.channel())
    }

    /// The enterprise's land record as the office reads it.
    pub async fn land_record(&self) -> pb::LandRecord {
        self.client()
            .get_land_record(authorized(
                pb::GetLandRecordRequest {
                    name: format!("{}/landRecord", self.enterprise),
                },
                &self.office(),
            ))
            .await
            .expect("get land record")
            .into_inner()
    }

    /// What a refused call could have changed: the feed head, every item's etag, every land record.
    pub async fn stored(&self) -> Stored<Vec<pb::LandRecord>> {
        let mut client = self.client();
        let list = client.list_land_records(self.as_office(Default::default()));
        self.stored_with(list, |page| page.land_records).await
    }
}

/// Evidence of one photo taken at [`DONE_AT`] in the county.
pub fn photo() -> Option<wpb::Evidence> {
    rectify_testkit::evidence::evidence(at(DONE_AT))
}

pub fn plot(request_id: &str, work_item: &str) -> pb::RecordRelocationPlotRequest {
    pb::RecordRelocationPlotRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        park_name: "桦川县工业园区".into(),
        plot_number: "A-07".into(),
        area_m2: "3200.5".into(),
        allocated_at: when(DONE_AT),
        evidence: photo(),
    }
}

pub fn demolition(request_id: &str, work_item: &str) -> pb::RecordDemolitionRequest {
    pb::RecordDemolitionRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        demolished_at: when(DONE_AT),
        floor_area_m2: "860".into(),
        evidence: photo(),
    }
}

pub fn remediation(request_id: &str, work_item: &str) -> pb::RecordSiteRemediationRequest {
    pb::RecordSiteRemediationRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        assessment_reference: "场调〔2021〕09号".into(),
        completed_at: when(DONE_AT),
        evidence: photo(),
    }
}

pub fn finding(request_id: &str, enterprise: &str) -> pb::RecordPlanningFindingRequest {
    pb::RecordPlanningFindingRequest {
        request_id: request_id.into(),
        enterprise: enterprise.into(),
        finding: Some(pb::PlanningFinding {
            land_use_plan: pb::Conformity::DoesNotConform as i32,
            urban_rural_plan: pb::Conformity::Conforms as i32,
            reference: "桦自然资函〔2021〕17号".into(),
            note: "位于基本农田保护区内".into(),
            ..Default::default()
        }),
    }
}
