//! What the utilities tests share: the registry and utilities as separate servers on their own
//! databases with shared keys, utilities following the registry on a clock the test holds; a
//! published close plan and its six utilities items; good requests for every `UtilitiesService`
//! method; tokens of the parties involved.

#![allow(dead_code)]

pub mod refusals;

use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_proto::utilities::v1 as pb;
use rectify_proto::utilities::v1::utilities_service_client::UtilitiesServiceClient;
use rectify_proto::workitems::v1 as wpb;
use rectify_registry::Registry;
use rectify_testkit::authorized;
use rectify_testkit::workitems::{
    WorkItemHarness as _, close_plan_items, of_kind, spawn_following,
};
use rectify_testkit::{Backend, TestService};
use rectify_utilities::Utilities;
use tonic::transport::Channel;

/// The instant utilities' clock reads when the plan is published: 10:00 CST, 15 October 2021.
pub const NOW: &str = "2021-10-15T10:00:00+08:00";

/// When the work was executed in the good requests: half an hour before [`NOW`].
pub const EXECUTED: &str = "2021-10-15T09:30:00+08:00";

pub use rectify_testkit::evidence::PHOTO_SHA256 as PHOTO;

/// The workshop whose close plan the tests publish, in 悦来镇.
pub const WORKSHOP: &str = "悦来镇宏达米业";

pub use rectify_testkit::evidence::{at, when};

/// The registry, utilities following it, and one published close plan of a workshop in
/// `yuelai` with its six utilities items.
pub struct Scene {
    pub registry: TestService<Registry>,
    pub utilities: TestService<Utilities>,
    /// Utilities' clock, at [`NOW`] until a test moves it.
    pub clock: Clock,
    pub enterprise: String,
    /// The plan's utilities items, oldest first.
    pub items: Vec<wpb::WorkItem>,
}

impl Scene {
    /// Both services on fresh databases of `backend`; `None` where it is not available.
    pub async fn spawn(backend: Backend) -> Option<Scene> {
        let registry = TestService::<Registry>::spawn(backend).await?;
        let clock = Clock::fixed(at(NOW));
        let utilities = spawn_following::<Utilities, _>(&registry, &clock).await?;
        let (enterprise, items) =
            close_plan_items(&registry, &utilities, "yuelai", WORKSHOP, 6).await;
        Some(Scene {
            registry,
            utilities,
            clock,
            enterprise,
            items,
        })
    }

    /// The name of the item of `kind`.
    pub fn item(&self, kind: &str) -> String {
        of_kind(&self.items, kind).name.clone()
    }

    pub fn client(&self) -> UtilitiesServiceClient<Channel> {
        UtilitiesServiceClient::new(self.utilities.channel())
    }

    pub fn bureau(&self, code: &str) -> String {
        self.utilities.token(code, PartyKind::Bureau, &[])
    }

    pub fn township(&self, code: &str) -> String {
        self.utilities.token(code, PartyKind::Jurisdiction, &[])
    }

    pub fn office(&self) -> String {
        self.utilities.office()
    }

    /// The water bureau records the water cut (request `w1`), as [`water_cut`] has it.
    pub async fn cut_water(&self) -> pb::RecordWaterCutResponse {
        let request = water_cut("w1", &self.item("water_cut"));
        self.client()
            .record_water_cut(authorized(request, &self.bureau("water")))
            .await
            .expect("the water bureau records the water cut")
            .into_inner()
    }

    /// The power company records the power cut (request `p1`), executed at `executed_at`.
    pub async fn cut_power(&self, executed_at: &str) -> pb::RecordPowerCutResponse {
        let mut request = power_cut("p1", &self.item("power_cut"));
        request.executed_at = when(executed_at);
        self.client()
            .record_power_cut(authorized(request, &self.bureau("power")))
            .await
            .expect("the power company records the power cut")
            .into_inner()
    }
}

/// What a refused call could have changed: the feed head, every item's etag, every order.
pub async fn stored(scene: &Scene) -> (i64, Vec<(String, String)>, Vec<pb::StandingOrder>) {
    let items = scene
        .utilities
        .all_work_items(&scene.office(), Default::default())
        .await
        .into_iter()
        .map(|i| (i.name, i.etag))
        .collect();
    let orders = scene
        .client()
        .list_standing_orders(authorized(
            pb::ListStandingOrdersRequest::default(),
            &scene.office(),
        ))
        .await
        .expect("list orders")
        .into_inner()
        .standing_orders;
    // The settled head: changes already made (the follower's items) are sequenced first.
    (scene.utilities.settled_head(0).await, items, orders)
}

/// Evidence of one photo taken at [`EXECUTED`] in the county.
pub fn photo() -> Option<wpb::Evidence> {
    photo_hashed(PHOTO)
}

/// Evidence of one photo whose hash is given as `sha256`.
pub fn photo_hashed(sha256: &str) -> Option<wpb::Evidence> {
    rectify_testkit::evidence::photo_hashed(sha256, at(EXECUTED))
}

pub fn water_cut(request_id: &str, work_item: &str) -> pb::RecordWaterCutRequest {
    pb::RecordWaterCutRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        meter_number: "0231-8877".into(),
        seal_number: "桦水封-0012".into(),
        executed_at: when(EXECUTED),
        evidence: photo(),
    }
}

pub fn power_cut(request_id: &str, work_item: &str) -> pb::RecordPowerCutRequest {
    pb::RecordPowerCutRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        account_number: "2308260012345".into(),
        meter_number: "DB-7731".into(),
        meter_reading_at_cut: "48211.3".into(),
        executed_at: when(EXECUTED),
        evidence: photo(),
    }
}

pub fn clearing(request_id: &str, work_item: &str) -> pb::RecordClearingRequest {
    pb::RecordClearingRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        lines: vec![pb::InventoryLine {
            item: "废旧塑料原料".into(),
            quantity: "3.5".into(),
            unit: "吨".into(),
            disposal_method: pb::DisposalMethod::Sold as i32,
            disposal_note: String::new(),
        }],
        executed_at: when(EXECUTED),
        evidence: photo(),
    }
}

pub fn well_closure(request_id: &str, work_item: &str) -> pb::RecordWellClosureRequest {
    pb::RecordWellClosureRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        etag: String::new(),
        wells_closed: 2,
        method: pb::WellClosureMethod::CementSealed as i32,
        method_note: String::new(),
        executed_at: when(EXECUTED),
        evidence: photo(),
    }
}

pub fn reconnection(
    request_id: &str,
    work_item: &str,
    found_at: &str,
) -> pb::ReportReconnectionRequest {
    pb::ReportReconnectionRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        found_at: when(found_at),
        evidence: photo(),
        note: "夜间巡查发现车间亮灯、机器运转".into(),
    }
}

pub fn reading(
    request_id: &str,
    work_item: &str,
    kwh: &str,
    read_at: &str,
) -> pb::SubmitMeterReadingRequest {
    pb::SubmitMeterReadingRequest {
        request_id: request_id.into(),
        target: Some(pb::submit_meter_reading_request::Target::WorkItem(
            work_item.into(),
        )),
        reading: kwh.into(),
        read_at: when(read_at),
        evidence: None,
    }
}
