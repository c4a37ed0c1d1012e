//! The demo's land and sites (用地与场地): the land bureau finds most relocating workshops off the
//! land-use plan, and some closed ones; miit allocates plots in the county's parks to many
//! relocations (a few wait for a park's standard workshops), housing demolishes some old works,
//! and eco remediates a few old sites.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rectify_kit::parse::timestamp;
use rectify_proto::land::v1 as pb;
use rectify_proto::land::v1::land_service_client::LandServiceClient;
use rectify_proto::workitems::v1 as wpb;
use tonic::transport::Channel;

use crate::progress::{BureauSummary, Figure, Items, Labelled, Planned, Step, day, evidence, send};
use crate::rng::Rng;

/// What the demo did to land's items.
pub type LandSummary = BureauSummary<LandFigures>;

/// Land's own figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LandFigures {
    /// Plots allocated in a park.
    pub plots: usize,
    /// Planning findings recorded.
    pub findings: usize,
    /// Of those, not conforming to a plan.
    pub nonconforming: usize,
    /// Old works demolished.
    pub demolitions: usize,
    /// Old sites remediated.
    pub remediations: usize,
}

impl Labelled for LandFigures {
    const TITLE: (&'static str, &'static str) = ("用地与场地", "land");

    fn labelled(&self) -> Vec<Figure> {
        vec![
            ("园区用地", "plots", self.plots),
            ("规划核查", "planning findings", self.findings),
            ("不符合规划", "nonconforming", self.nonconforming),
            ("拆除", "demolitions", self.demolitions),
            ("场地修复", "remediations", self.remediations),
        ]
    }
}

/// The county's industrial parks.
const PARKS: [&str; 2] = ["桦川县工业园区", "悦来镇工业集中区"];

/// Decides, with the seeded generator, what each party does with land's items.
pub fn plan(channel: &Channel, items: &[wpb::WorkItem]) -> Planned<LandFigures> {
    let mut rng = Rng::new(crate::SEED + 67);
    let land = Land {
        client: LandServiceClient::new(channel.clone()),
        items: Items(channel.clone()),
    };
    let relocating: HashSet<&str> = items
        .iter()
        .filter(|i| i.kind == "relocation_plot")
        .map(|i| i.enterprise.as_str())
        .collect();
    let mut steps = Vec::new();
    let mut figures = LandFigures::default();
    for item in items {
        let roll = rng.below(100);
        let on = day(rng.between(10, 110), rng.between(9, 16));
        match item.kind.as_str() {
            "relocation_plot" => {
                if rng.chance(80) {
                    figures.findings += 1;
                    figures.nonconforming += 1;
                    steps.push(land.finding(day(rng.between(2, 8), 10), item, false));
                }
                if roll < 65 {
                    figures.plots += 1;
                    steps.push(land.plot(on, item, &mut rng));
                } else if roll < 80 {
                    let reason = "园区标准化厂房尚未建成，暂无可分配地块";
                    steps.push(land.items.block(on, item, reason));
                }
            }
            "demolition" if roll < 35 => {
                figures.demolitions += 1;
                steps.push(land.demolition(on, item, &mut rng));
            }
            "demolition" if roll < 45 => {
                let reason = "原厂房产权存在纠纷，拆迁补偿协议尚未签订";
                steps.push(land.items.block(on, item, reason));
            }
            "site_remediation" => {
                if !relocating.contains(item.enterprise.as_str()) && rng.chance(30) {
                    let conforms = rng.chance(50);
                    figures.findings += 1;
                    figures.nonconforming += usize::from(!conforms);
                    steps.push(land.finding(day(rng.between(2, 8), 10), item, conforms));
                }
                if roll < 15 {
                    figures.remediations += 1;
                    steps.push(land.remediation(on, item, &mut rng));
                }
            }
            _ => {}
        }
    }
    Planned { steps, figures }
}

/// The calls land's parties make.
struct Land {
    client: LandServiceClient<Channel>,
    items: Items,
}

impl Land {
    /// The land bureau's finding on the site of `item`'s enterprise.
    fn finding(&self, at: DateTime<Utc>, item: &wpb::WorkItem, conforms: bool) -> Step {
        let (land_use, note) = match conforms {
            true => (pb::Conformity::Conforms, "现址为工业用地，关停后依规处置"),
            false => (
                pb::Conformity::DoesNotConform,
                "现址为基本农田，不符合土地利用总体规划",
            ),
        };
        let request = pb::RecordPlanningFindingRequest {
            request_id: format!("demo-finding-{}", item.enterprise),
            enterprise: item.enterprise.clone(),
            finding: Some(pb::PlanningFinding {
                land_use_plan: land_use as i32,
                urban_rural_plan: pb::Conformity::DoesNotConform as i32,
                reference: "桦自然资函〔2021〕17号".into(),
                note: note.into(),
                ..Default::default()
            }),
        };
        send!(
            at,
            "land",
            self.client.clone(),
            record_planning_finding,
            request,
            item.enterprise
        )
    }

    /// miit allocates a plot in a park.
    fn plot(&self, at: DateTime<Utc>, item: &wpb::WorkItem, rng: &mut Rng) -> Step {
        let request = pb::RecordRelocationPlotRequest {
            request_id: format!("demo-plot-{}", item.name),
            work_item: item.name.clone(),
            etag: String::new(),
            park_name: (*rng.pick(&PARKS)).into(),
            plot_number: format!("{}-{:02}", rng.pick(&["A", "B", "C"]), rng.between(1, 40)),
            area_m2: format!("{}.5", rng.between(800, 5200)),
            allocated_at: Some(timestamp(at)),
            evidence: evidence(rng, at, "园区用地分配通知书"),
        };
        send!(
            at,
            &item.executor,
            self.client.clone(),
            record_relocation_plot,
            request,
            item.name
        )
    }

    /// housing demolishes the old works.
    fn demolition(&self, at: DateTime<Utc>, item: &wpb::WorkItem, rng: &mut Rng) -> Step {
        let request = pb::RecordDemolitionRequest {
            request_id: format!("demo-demolition-{}", item.name),
            work_item: item.name.clone(),
            etag: String::new(),
            demolished_at: Some(timestamp(at)),
            floor_area_m2: format!("{}", rng.between(120, 1800)),
            evidence: evidence(rng, at, "原厂房已拆除，场地已平整"),
        };
        send!(
            at,
            &item.executor,
            self.client.clone(),
            record_demolition,
            request,
            item.name
        )
    }

    /// eco remediates the old site.
    fn remediation(&self, at: DateTime<Utc>, item: &wpb::WorkItem, rng: &mut Rng) -> Step {
        let request = pb::RecordSiteRemediationRequest {
            request_id: format!("demo-remediation-{}", item.name),
            work_item: item.name.clone(),
            etag: String::new(),
            assessment_reference: format!("场调〔2021〕{:02}号", rng.between(1, 40)),
            completed_at: Some(timestamp(at)),
            evidence: evidence(rng, at, "场地修复验收报告"),
        };
        send!(
            at,
            &item.executor,
            self.client.clone(),
            record_site_remediation,
            request,
            item.name
        )
    }
}
