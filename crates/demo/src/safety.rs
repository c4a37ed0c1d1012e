//! The demo's safety inspections (开展安全生产检查): the safety bureau inspects most workshops to
//! be upgraded; many pass, some have general hazards only, and some a major hazard that holds
//! the check (blocked) until the bureau confirms it fixed: most are fixed, a few still open.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rectify_kit::parse::timestamp;
use rectify_proto::safety::v1 as pb;
use rectify_proto::safety::v1::safety_service_client::SafetyServiceClient;
use rectify_proto::workitems::v1 as wpb;
use tonic::transport::Channel;

use crate::progress::{
    BureauSummary, Figure, Labelled, Planned, Step, date, day, evidence, later, send,
};
use crate::rng::Rng;

/// What the demo did to safety's items.
pub type SafetySummary = BureauSummary<SafetyFigures>;

/// Safety's own figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SafetyFigures {
    /// Inspections recorded.
    pub inspections: usize,
    /// Hazards found, general and major.
    pub hazards: usize,
    /// Major hazards found.
    pub major: usize,
    /// Major hazards confirmed fixed.
    pub major_fixed: usize,
}

impl Labelled for SafetyFigures {
    const TITLE: (&'static str, &'static str) = ("安全生产", "safety");

    fn labelled(&self) -> Vec<Figure> {
        vec![
            ("检查", "inspections", self.inspections),
            ("隐患", "hazards", self.hazards),
            ("重大隐患", "major", self.major),
            ("重大隐患已整改", "major fixed", self.major_fixed),
        ]
    }
}

/// General hazards an inspection may find.
const GENERAL: [&str; 4] = [
    "消防通道堆放杂物",
    "灭火器过期未更换",
    "配电箱未上锁、无警示标识",
    "安全操作规程未上墙",
];

/// Major hazards an inspection may find.
const MAJOR: [&str; 3] = [
    "生产车间与员工宿舍设置在同一建筑内",
    "粉尘涉爆作业场所未安装除尘及防爆设施",
    "易燃原料露天堆放，未设防火间距",
];

/// The bureau's inspectors.
const INSPECTORS: [&str; 4] = ["刘志刚", "陈晓东", "孙丽华", "赵永军"];

/// Decides, with the seeded generator, which workshops the bureau inspects and what it finds.
pub fn plan(channel: &Channel, items: &[wpb::WorkItem]) -> Planned<SafetyFigures> {
    let mut rng = Rng::new(crate::SEED + 71);
    let client = SafetyServiceClient::new(channel.clone());
    let mut steps = Vec::new();
    let mut figures = SafetyFigures::default();
    for item in items.iter().filter(|i| i.kind == "safety_check") {
        let on = day(rng.between(10, 80), rng.between(9, 16));
        let roll = rng.below(100);
        if roll >= 78 {
            continue;
        }
        let mut hazards = Vec::new();
        if roll >= 38 {
            for _ in 0..rng.between(1, 2) {
                hazards.push(hazard(
                    on,
                    pb::HazardLevel::General,
                    rng.pick::<&str>(&GENERAL),
                ));
            }
        }
        if roll >= 60 {
            hazards.push(hazard(on, pb::HazardLevel::Major, rng.pick::<&str>(&MAJOR)));
            figures.major += 1;
            if rng.chance(65) {
                figures.major_fixed += 1;
                let fixed = later(on, rng.between(12, 35));
                steps.push(fix_major(client.clone(), fixed, item, &mut rng));
            }
        }
        figures.inspections += 1;
        figures.hazards += hazards.len();
        steps.push(inspection(client.clone(), on, item, hazards, &mut rng));
    }
    Planned { steps, figures }
}

/// A hazard found at `at`, to be fixed within a month.
fn hazard(at: DateTime<Utc>, level: pb::HazardLevel, description: &str) -> pb::Hazard {
    pb::Hazard {
        level: level as i32,
        description: description.into(),
        fix_deadline: date(later(at, 30)),
        ..Default::default()
    }
}

/// The safety bureau inspects the workshop of `item`.
fn inspection(
    client: SafetyServiceClient<Channel>,
    at: DateTime<Utc>,
    item: &wpb::WorkItem,
    hazards: Vec<pb::Hazard>,
    rng: &mut Rng,
) -> Step {
    let request = pb::RecordInspectionRequest {
        request_id: format!("demo-inspection-{}", item.name),
        work_item: item.name.clone(),
        etag: String::new(),
        inspected_at: Some(timestamp(at)),
        inspectors: vec![
            (*rng.pick(&INSPECTORS[..2])).into(),
            (*rng.pick(&INSPECTORS[2..])).into(),
        ],
        evidence: evidence(rng, at, "安全生产检查记录表（已签字）"),
        hazards,
    };
    send!(
        at,
        &item.executor,
        client,
        record_inspection,
        request,
        item.name
    )
}

/// The safety bureau goes back and confirms the enterprise's open major hazards fixed; the last
/// one completes the check.
fn fix_major(
    client: SafetyServiceClient<Channel>,
    at: DateTime<Utc>,
    item: &wpb::WorkItem,
    rng: &mut Rng,
) -> Step {
    let enterprise = item.enterprise.clone();
    let evidence = evidence(rng, at, "整改到位，复查合格");
    Step::run(at, &item.executor, move |auth| async move {
        let mut client = client;
        let open = client
            .list_hazards(auth.request(pb::ListHazardsRequest {
                open_only: true,
                level: pb::HazardLevel::Major as i32,
                enterprise: enterprise.clone(),
                ..Default::default()
            })?)
            .await
            .with_context(|| format!("ListHazards {enterprise}"))?
            .into_inner()
            .hazards;
        anyhow::ensure!(
            !open.is_empty(),
            "{enterprise} has no open major hazard to fix"
        );
        for hazard in open {
            let request = pb::RecordHazardFixRequest {
                request_id: format!("demo-fix-{}", hazard.name),
                hazard: hazard.name.clone(),
                fixed_at: Some(timestamp(at)),
                evidence: evidence.clone(),
                note: "已按要求整改".into(),
            };
            client
                .record_hazard_fix(auth.request(request)?)
                .await
                .with_context(|| format!("RecordHazardFix {}", hazard.name))?;
        }
        Ok(())
    })
}
