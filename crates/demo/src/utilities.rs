//! The demo's 两断三清 in mid-flight: once utilities holds the items of every published close
//! plan, the parties do their part as they would through their own systems, each on its own
//! day between publication and the demo's "now": the water bureau cuts water, the power company
//! cuts power, townships clear materials, products and equipment, eco verifies much of it; some
//! work is blocked, a well closure is waived, much stays undone past its deadline (overdue), one
//! reconnection is reported and one power meter shows consumption after its cut (a rebound
//! suspicion). Seeded, so every demo is the same.

use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, TimeZone as _, Utc};
use rectify_kit::clock::{Clock, cst};
use rectify_kit::parse::timestamp;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::utilities::v1 as ut;
use rectify_proto::utilities::v1::utilities_service_client::UtilitiesServiceClient;
use rectify_proto::workitems::v1 as pb;
use rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient;
use tonic::transport::Channel;

use crate::rng::Rng;

/// The items utilities holds per published close plan.
pub const KINDS: usize = 6;

/// What the demo did to utilities' items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UtilitiesSummary {
    /// Items utilities holds (six per published close plan).
    pub items: usize,
    /// Recorded done by their executor.
    pub done: usize,
    /// Of those, verified by eco.
    pub verified: usize,
    /// Blocked with a reason.
    pub blocked: usize,
    /// Waived by the office.
    pub waived: usize,
    pub reconnections: usize,
    pub rebound_suspicions: usize,
}

/// One thing a party does on a day.
struct Step {
    at: DateTime<Utc>,
    /// The party that acts: the item's executor, eco, the office or the power company.
    party: String,
    action: Action,
}

enum Action {
    Record(Box<pb::WorkItem>),
    Verify(String),
    Block(String),
    Waive(String),
    Reconnection(String),
    Reading { item: String, kwh: &'static str },
}

/// The day `days` after 2021-07-26 (the day after publication), at `hour` CST.
fn day(days: u32, hour: u32) -> DateTime<Utc> {
    cst()
        .with_ymd_and_hms(2021, 7, 26, hour, 0, 0)
        .single()
        .map(|t| t.with_timezone(&Utc) + chrono::Duration::days(i64::from(days)))
        .unwrap_or_else(Utc::now)
}

/// A photo of the work, by content hash.
fn evidence(rng: &mut Rng, at: DateTime<Utc>, what: &str) -> Option<pb::Evidence> {
    Some(pb::Evidence {
        attachments: vec![pb::Attachment {
            sha256: format!("{}{}", rng.digits(32), rng.digits(32)),
            file_name: format!("IMG_{}.jpg", rng.digits(4)),
            media_type: "image/jpeg".into(),
        }],
        taken_at: Some(timestamp(at)),
        location: Some(GeoPoint {
            latitude: rng.float(46.8, 47.1),
            longitude: rng.float(130.5, 131.0),
        }),
        note: what.to_owned(),
        ..Default::default()
    })
}

/// Waits until utilities holds `expected` items, then plays the demo's steps in date order,
/// moving `clock` to each step's day; leaves `clock` at `now`.
pub async fn progress<T>(
    channel: Channel,
    tokens: &T,
    clock: &Clock,
    expected: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<UtilitiesSummary>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    let caller = Caller { channel, tokens };
    let items = caller.wait_for_items(expected).await?;
    let mut summary = UtilitiesSummary {
        items: items.len(),
        ..Default::default()
    };
    let steps = plan_steps(&items, &mut summary);
    for step in steps {
        clock.advance(step.at - clock.now());
        caller.play(step).await?;
    }
    clock.advance(now - clock.now());
    Ok(summary)
}

/// Decides, with the seeded generator, who does what to each item and when.
fn plan_steps(items: &[pb::WorkItem], summary: &mut UtilitiesSummary) -> Vec<Step> {
    let mut rng = Rng::new(crate::SEED + 53);
    let mut steps = Vec::new();
    let mut reconnection = false;
    let mut rebound = false;
    for item in items {
        let (done_percent, verify_percent) = match item.kind.as_str() {
            "water_cut" => (78, 65),
            "power_cut" => (72, 60),
            "well_closure" => (55, 0),
            _ => (58, 45),
        };
        let executor = item.executor.clone();
        let done_on = day(rng.between(3, 90), rng.between(9, 16));
        if rng.chance(done_percent) {
            summary.done += 1;
            steps.push(Step {
                at: done_on,
                party: executor,
                action: Action::Record(Box::new(item.clone())),
            });
            if item.needs_verification && rng.chance(verify_percent) {
                summary.verified += 1;
                steps.push(Step {
                    at: done_on + chrono::Duration::days(i64::from(rng.between(2, 12))),
                    party: "eco".into(),
                    action: Action::Verify(item.name.clone()),
                });
            } else if item.kind == "water_cut" && !reconnection {
                reconnection = true;
                summary.reconnections += 1;
                steps.push(Step {
                    at: done_on + chrono::Duration::days(20),
                    party: "eco".into(),
                    action: Action::Reconnection(item.name.clone()),
                });
            }
            if item.kind == "power_cut" && !rebound {
                rebound = true;
                summary.rebound_suspicions += 1;
                steps.push(Step {
                    at: done_on + chrono::Duration::days(25),
                    party: "power".into(),
                    action: Action::Reading {
                        item: item.name.clone(),
                        kwh: "12461.8",
                    },
                });
            }
        } else if rng.chance(12) {
            summary.blocked += 1;
            steps.push(Step {
                at: done_on,
                party: executor,
                action: Action::Block(item.name.clone()),
            });
        } else if item.kind == "well_closure" && rng.chance(30) {
            summary.waived += 1;
            steps.push(Step {
                at: done_on,
                party: "office".into(),
                action: Action::Waive(item.name.clone()),
            });
        }
    }
    steps.sort_by_key(|s| s.at);
    steps
}

struct Caller<'a, T> {
    channel: Channel,
    tokens: &'a T,
}

impl<T> Caller<'_, T>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    fn request<M>(&self, message: M, party: &str) -> anyhow::Result<tonic::Request<M>> {
        let mut request = tonic::Request::new(message);
        let token = (self.tokens)(party)?;
        rectify_kit::auth::set_bearer(request.metadata_mut(), &token)
            .with_context(|| format!("token of {party}"))?;
        Ok(request)
    }

    /// Every item, once utilities has followed the registry far enough to hold `expected`.
    async fn wait_for_items(&self, expected: usize) -> anyhow::Result<Vec<pb::WorkItem>> {
        for _ in 0..600 {
            let items = self.all_items().await?;
            if items.len() >= expected {
                return Ok(items);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("utilities did not create the {expected} items of the published close plans")
    }

    async fn all_items(&self) -> anyhow::Result<Vec<pb::WorkItem>> {
        let mut client = WorkItemServiceClient::new(self.channel.clone());
        let mut items = Vec::new();
        let mut page_token = String::new();
        loop {
            let request = pb::ListWorkItemsRequest {
                page_size: 500,
                page_token: page_token.clone(),
                ..Default::default()
            };
            let page = client
                .list_work_items(self.request(request, "office")?)
                .await
                .context("ListWorkItems")?
                .into_inner();
            items.extend(page.work_items);
            if page.next_page_token.is_empty() {
                items.sort_by(|a, b| (&a.enterprise, &a.kind).cmp(&(&b.enterprise, &b.kind)));
                return Ok(items);
            }
            page_token = page.next_page_token;
        }
    }

    async fn play(&self, step: Step) -> anyhow::Result<()> {
        let mut rng = Rng::new(step.at.timestamp().unsigned_abs());
        let items = WorkItemServiceClient::new(self.channel.clone());
        let utilities = UtilitiesServiceClient::new(self.channel.clone());
        let at = step.at;
        match step.action {
            Action::Record(item) => {
                self.record(utilities, &item, &step.party, at, &mut rng)
                    .await
            }
            Action::Verify(name) => {
                let request = pb::VerifyWorkItemRequest {
                    request_id: format!("demo-verify-{name}"),
                    name: name.clone(),
                    etag: String::new(),
                    evidence: evidence(&mut rng, at, "现场核查属实"),
                };
                items
                    .clone()
                    .verify_work_item(self.request(request, &step.party)?)
                    .await
                    .with_context(|| format!("VerifyWorkItem {name}"))
                    .map(|_| ())
            }
            Action::Block(name) => {
                let request = pb::BlockWorkItemRequest {
                    request_id: format!("demo-block-{name}"),
                    name: name.clone(),
                    etag: String::new(),
                    reason: "经营者失联，现场大门紧锁，已请公安局协助查找".into(),
                    evidence: None,
                };
                items
                    .clone()
                    .block_work_item(self.request(request, &step.party)?)
                    .await
                    .with_context(|| format!("BlockWorkItem {name}"))
                    .map(|_| ())
            }
            Action::Waive(name) => {
                let request = pb::WaiveWorkItemRequest {
                    request_id: format!("demo-waive-{name}"),
                    name: name.clone(),
                    etag: String::new(),
                    reason: "经水务局核查，该企业无自备井".into(),
                };
                items
                    .clone()
                    .waive_work_item(self.request(request, &step.party)?)
                    .await
                    .with_context(|| format!("WaiveWorkItem {name}"))
                    .map(|_| ())
            }
            Action::Reconnection(name) => {
                let request = ut::ReportReconnectionRequest {
                    request_id: format!("demo-reconnection-{name}"),
                    work_item: name.clone(),
                    found_at: Some(timestamp(at)),
                    evidence: evidence(&mut rng, at, "夜间巡查发现私接水管恢复供水"),
                    note: "群众举报，夜间巡查发现".into(),
                };
                utilities
                    .clone()
                    .report_reconnection(self.request(request, &step.party)?)
                    .await
                    .with_context(|| format!("ReportReconnection {name}"))
                    .map(|_| ())
            }
            Action::Reading { item, kwh } => {
                let request = ut::SubmitMeterReadingRequest {
                    request_id: format!("demo-reading-{item}"),
                    target: Some(ut::submit_meter_reading_request::Target::WorkItem(
                        item.clone(),
                    )),
                    reading: kwh.into(),
                    read_at: Some(timestamp(at)),
                    evidence: None,
                };
                utilities
                    .clone()
                    .submit_meter_reading(self.request(request, &step.party)?)
                    .await
                    .with_context(|| format!("SubmitMeterReading {item}"))
                    .map(|_| ())
            }
        }
    }

    /// The executor records its part through utilities' own method for the kind.
    async fn record(
        &self,
        mut utilities: UtilitiesServiceClient<Channel>,
        item: &pb::WorkItem,
        party: &str,
        at: DateTime<Utc>,
        rng: &mut Rng,
    ) -> anyhow::Result<()> {
        let request_id = format!("demo-record-{}", item.name);
        let executed_at = Some(timestamp(at - chrono::Duration::hours(2)));
        let name = item.name.clone();
        let result = match item.kind.as_str() {
            "water_cut" => {
                let request = ut::RecordWaterCutRequest {
                    request_id,
                    work_item: name.clone(),
                    etag: String::new(),
                    meter_number: format!("SB{}", rng.digits(8)),
                    seal_number: format!("HC-FQ-{}", rng.digits(6)),
                    executed_at,
                    evidence: evidence(rng, at, "已关闭进水阀门并加装铅封"),
                };
                utilities
                    .record_water_cut(self.request(request, party)?)
                    .await
                    .map(|_| ())
            }
            "power_cut" => {
                let request = ut::RecordPowerCutRequest {
                    request_id,
                    work_item: name.clone(),
                    etag: String::new(),
                    account_number: format!("0{}", rng.digits(9)),
                    meter_number: format!("DB{}", rng.digits(8)),
                    meter_reading_at_cut: "12345.6".into(),
                    executed_at,
                    evidence: evidence(rng, at, "已拆除接户线并封存计量箱"),
                };
                utilities
                    .record_power_cut(self.request(request, party)?)
                    .await
                    .map(|_| ())
            }
            "well_closure" => {
                let request = ut::RecordWellClosureRequest {
                    request_id,
                    work_item: name.clone(),
                    etag: String::new(),
                    wells_closed: 1,
                    method: ut::WellClosureMethod::CementSealed as i32,
                    method_note: String::new(),
                    executed_at,
                    evidence: evidence(rng, at, "自备井已水泥封堵"),
                };
                utilities
                    .record_well_closure(self.request(request, party)?)
                    .await
                    .map(|_| ())
            }
            _ => {
                let (what, unit, quantity) = match item.kind.as_str() {
                    "clear_materials" => ("废旧塑料原料", "吨", "3.5"),
                    "clear_products" => ("再生塑料颗粒成品", "吨", "1.2"),
                    _ => ("造粒机及配套设备", "台", "2"),
                };
                let request = ut::RecordClearingRequest {
                    request_id,
                    work_item: name.clone(),
                    etag: String::new(),
                    lines: vec![ut::InventoryLine {
                        item: what.into(),
                        quantity: quantity.into(),
                        unit: unit.into(),
                        disposal_method: ut::DisposalMethod::ReturnedToSupplier as i32,
                        disposal_note: String::new(),
                    }],
                    executed_at,
                    evidence: evidence(rng, at, "现场已清空"),
                };
                utilities
                    .record_clearing(self.request(request, party)?)
                    .await
                    .map(|_| ())
            }
        };
        result.with_context(|| format!("recording {} {name} as {party}", item.kind))
    }
}
