//! The demo's 两断三清 in mid-flight: once utilities holds the items of every published close
//! plan, the parties do their part as they would through their own systems, each on its own
//! day between publication and the demo's "now": the water bureau cuts water, the power company
//! cuts power, townships clear materials, products and equipment, eco verifies much of it; some
//! work is blocked, a well closure is waived, much stays undone past its deadline (overdue), one
//! reconnection is reported and one power meter shows consumption after its cut (a rebound
//! suspicion). Seeded, so every demo is the same.

use chrono::{DateTime, Utc};
use rectify_kit::parse::timestamp;
use rectify_proto::utilities::v1 as ut;
use rectify_proto::utilities::v1::utilities_service_client::UtilitiesServiceClient;
use rectify_proto::workitems::v1 as pb;
use tonic::transport::Channel;

use crate::progress::{
    BureauSummary, Figure, Items, Labelled, Planned, Step, day, evidence, later, send,
};
use crate::rng::Rng;

/// What the demo did to utilities' items.
pub type UtilitiesSummary = BureauSummary<UtilitiesFigures>;

/// Utilities' own figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UtilitiesFigures {
    /// Reconnections reported after a water cut.
    pub reconnections: usize,
    /// Power readings above the cut reading.
    pub rebound_suspicions: usize,
    /// The enterprise whose power meter ran after its cut, and the day of the reading.
    pub rebound: Option<(String, DateTime<Utc>)>,
}

impl Labelled for UtilitiesFigures {
    const TITLE: (&'static str, &'static str) = ("两断三清", "utilities");

    fn labelled(&self) -> Vec<Figure> {
        vec![
            ("恢复供水举报", "reconnections", self.reconnections),
            (
                "用电反弹疑似",
                "rebound suspicions",
                self.rebound_suspicions,
            ),
        ]
    }
}

/// Decides, with the seeded generator, who does what to each of utilities' items and when.
pub fn plan(channel: &Channel, items: &[pb::WorkItem]) -> Planned<UtilitiesFigures> {
    let mut rng = Rng::new(crate::SEED + 53);
    // Evidence from its own generator, so that the choices stay those of earlier demos.
    let mut photos = Rng::new(crate::SEED + 54);
    let work = Items(channel.clone());
    let utilities = UtilitiesServiceClient::new(channel.clone());
    let mut steps = Vec::new();
    let mut figures = UtilitiesFigures::default();
    for item in items {
        let (done_percent, verify_percent) = match item.kind.as_str() {
            "water_cut" => (78, 65),
            "power_cut" => (72, 60),
            "well_closure" => (55, 0),
            _ => (58, 45),
        };
        let done_on = day(rng.between(3, 90), rng.between(9, 16));
        if rng.chance(done_percent) {
            steps.push(record(utilities.clone(), item, done_on, &mut photos));
            if item.needs_verification && rng.chance(verify_percent) {
                let on = later(done_on, rng.between(2, 12));
                steps.push(work.verify(on, item, &mut photos));
            } else if item.kind == "water_cut" && figures.reconnections == 0 {
                figures.reconnections += 1;
                steps.push(reconnection(
                    utilities.clone(),
                    item,
                    later(done_on, 20),
                    &mut photos,
                ));
            }
            if item.kind == "power_cut" && figures.rebound.is_none() {
                let on = later(done_on, 25);
                figures.rebound_suspicions += 1;
                figures.rebound = Some((item.enterprise.clone(), on));
                steps.push(reading(utilities.clone(), item, on, "12461.8"));
            }
        } else if rng.chance(12) {
            steps.push(work.block(
                done_on,
                item,
                "经营者失联，现场大门紧锁，已请公安局协助查找",
            ));
        } else if item.kind == "well_closure" && rng.chance(30) {
            steps.push(work.waive(done_on, item, "经水务局核查，该企业无自备井"));
        }
    }
    Planned { steps, figures }
}

/// Eco finds the water running again after the cut.
fn reconnection(
    utilities: UtilitiesServiceClient<Channel>,
    item: &pb::WorkItem,
    at: DateTime<Utc>,
    rng: &mut Rng,
) -> Step {
    let request = ut::ReportReconnectionRequest {
        request_id: format!("demo-reconnection-{}", item.name),
        work_item: item.name.clone(),
        found_at: Some(timestamp(at)),
        evidence: evidence(rng, at, "夜间巡查发现私接水管恢复供水"),
        note: "群众举报，夜间巡查发现".into(),
    };
    send!(
        at,
        "eco",
        utilities,
        report_reconnection,
        request,
        item.name
    )
}

/// The power company reads the cut meter.
fn reading(
    utilities: UtilitiesServiceClient<Channel>,
    item: &pb::WorkItem,
    at: DateTime<Utc>,
    kwh: &str,
) -> Step {
    let request = ut::SubmitMeterReadingRequest {
        request_id: format!("demo-reading-{}", item.name),
        target: Some(ut::submit_meter_reading_request::Target::WorkItem(
            item.name.clone(),
        )),
        reading: kwh.into(),
        read_at: Some(timestamp(at)),
        evidence: None,
    };
    send!(
        at,
        "power",
        utilities,
        submit_meter_reading,
        request,
        item.name
    )
}

/// The executor records its part through utilities' own method for the kind.
fn record(
    utilities: UtilitiesServiceClient<Channel>,
    item: &pb::WorkItem,
    at: DateTime<Utc>,
    rng: &mut Rng,
) -> Step {
    let request_id = format!("demo-record-{}", item.name);
    let executed_at = Some(timestamp(at - chrono::Duration::hours(2)));
    let name = item.name.clone();
    let party = item.executor.as_str();
    match item.kind.as_str() {
        "water_cut" => {
            let request = ut::RecordWaterCutRequest {
                request_id,
                work_item: name,
                etag: String::new(),
                meter_number: format!("SB{}", rng.digits(8)),
                seal_number: format!("HC-FQ-{}", rng.digits(6)),
                executed_at,
                evidence: evidence(rng, at, "已关闭进水阀门并加装铅封"),
            };
            send!(at, party, utilities, record_water_cut, request, item.name)
        }
        "power_cut" => {
            let request = ut::RecordPowerCutRequest {
                request_id,
                work_item: name,
                etag: String::new(),
                account_number: format!("0{}", rng.digits(9)),
                meter_number: format!("DB{}", rng.digits(8)),
                meter_reading_at_cut: "12345.6".into(),
                executed_at,
                evidence: evidence(rng, at, "已拆除接户线并封存计量箱"),
            };
            send!(at, party, utilities, record_power_cut, request, item.name)
        }
        "well_closure" => {
            let request = ut::RecordWellClosureRequest {
                request_id,
                work_item: name,
                etag: String::new(),
                wells_closed: 1,
                method: ut::WellClosureMethod::CementSealed as i32,
                method_note: String::new(),
                executed_at,
                evidence: evidence(rng, at, "自备井已水泥封堵"),
            };
            send!(
                at,
                party,
                utilities,
                record_well_closure,
                request,
                item.name
            )
        }
        _ => {
            let (goods, unit, quantity) = match item.kind.as_str() {
                "clear_materials" => ("废旧塑料原料", "吨", "3.5"),
                "clear_products" => ("再生塑料颗粒成品", "吨", "1.2"),
                _ => ("造粒机及配套设备", "台", "2"),
            };
            let request = ut::RecordClearingRequest {
                request_id,
                work_item: name,
                etag: String::new(),
                lines: vec![ut::InventoryLine {
                    item: goods.into(),
                    quantity: quantity.into(),
                    unit: unit.into(),
                    disposal_method: ut::DisposalMethod::ReturnedToSupplier as i32,
                    disposal_note: String::new(),
                }],
                executed_at,
                evidence: evidence(rng, at, "现场已清空"),
            };
            send!(at, party, utilities, record_clearing, request, item.name)
        }
    }
}
