//! The demo's pollution control and patrols (污染防治与巡查): eco monitors the discharge of
//! workshops being upgraded and records their new facilities (mostly compliant; a few exceed
//! the standard, some of them fixed and monitored again), checks sewage outlets, takes relocating
//! workshops' interim discharge in hand, and patrols closed workshops, with the townships. Two
//! patrols find a closed workshop running again: the one whose power meter ran after its cut,
//! and one more; the office had signed both off, and environment reopens them in the registry.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rectify_kit::parse::timestamp;
use rectify_proto::environment::v1 as pb;
use rectify_proto::environment::v1::environment_service_client::EnvironmentServiceClient;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_proto::workitems::v1 as wpb;
use tonic::transport::Channel;

use crate::progress::{
    BureauSummary, Figure, Items, Labelled, Planned, Step, day, evidence, later, send,
};
use crate::rng::Rng;

/// What the demo did to environment's items.
pub type EnvironmentSummary = BureauSummary<EnvironmentFigures>;

/// Environment's own figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvironmentFigures {
    /// Pollution control facilities recorded.
    pub facilities: usize,
    /// Discharge monitorings recorded.
    pub monitorings: usize,
    /// Of those, above the standard's limit.
    pub exceedances: usize,
    /// Sewage outlet checks.
    pub outlet_checks: usize,
    /// Rebound patrols of closed workshops, by eco and the townships.
    pub patrols: usize,
    /// Closed enterprises the office signed off (销号) before their patrol.
    pub signed_off: usize,
    /// The enterprises a patrol found running again, reopened in the registry.
    pub rebounds: Vec<String>,
}

impl Labelled for EnvironmentFigures {
    const TITLE: (&'static str, &'static str) = ("污染防治与巡查", "environment");

    fn labelled(&self) -> Vec<Figure> {
        vec![
            ("治理设施", "facilities", self.facilities),
            ("监测", "monitorings", self.monitorings),
            ("超标", "exceedances", self.exceedances),
            ("排污口检查", "outlet checks", self.outlet_checks),
            ("巡查", "patrols", self.patrols),
            ("销号", "signed off", self.signed_off),
            ("发现反弹", "rebounds found", self.rebounds.len()),
        ]
    }
}

/// Pollutants eco monitors: name, unit, the standard's limit.
const POLLUTANTS: [(&str, pb::Unit, u32); 4] = [
    ("COD", pb::Unit::MgPerL, 100),
    ("氨氮", pb::Unit::MgPerL, 15),
    ("颗粒物", pb::Unit::MgPerM3, 30),
    ("厂界噪声", pb::Unit::Dba, 60),
];

/// Facilities eco sees installed.
const FACILITIES: [&str; 4] = [
    "布袋除尘器",
    "活性炭吸附装置",
    "隔油沉淀池及一体化污水处理设备",
    "隔声降噪厂房",
];

/// How many closed workshops the demo finds running again.
pub const REBOUNDS: usize = 2;

/// Decides, with the seeded generator, what eco and the townships do with environment's items.
/// `suspected` is the enterprise utilities' readings suspect of running again, and when.
pub fn plan(
    channel: &Channel,
    registry: &Channel,
    items: &[wpb::WorkItem],
    suspected: Option<&(String, DateTime<Utc>)>,
) -> Planned<EnvironmentFigures> {
    let mut rng = Rng::new(crate::SEED + 79);
    let eco = Eco {
        client: EnvironmentServiceClient::new(channel.clone()),
        registry: RegistryServiceClient::new(registry.clone()),
        items: Items(channel.clone()),
    };
    let patrolled: Vec<&wpb::WorkItem> = items
        .iter()
        .filter(|i| i.kind == "rebound_patrol")
        .collect();
    let rebounds = rebounds(&patrolled, suspected, &mut rng);
    let mut planned = Planned {
        steps: Vec::new(),
        figures: EnvironmentFigures::default(),
    };
    for (item, at) in &rebounds {
        eco.rebound(&mut planned, item, *at, &mut rng);
    }
    let reopened: HashSet<&str> = rebounds
        .iter()
        .map(|(i, _)| i.enterprise.as_str())
        .collect();
    for item in items {
        let on = day(rng.between(12, 80), rng.between(9, 16));
        let roll = rng.below(100);
        match item.kind.as_str() {
            "pollution_upgrade" if roll < 72 => eco.upgrade(&mut planned, item, on, &mut rng),
            "daily_supervision" if roll < 50 => {
                eco.outlet(&mut planned, item, on, &mut rng);
                let done = later(on, 3);
                let what = "已纳入日常监管，建立监管台账";
                planned
                    .steps
                    .push(eco.items.complete(done, item, &mut rng, what));
            }
            "interim_compliance" if roll < 55 => {
                let compliant = eco.monitor(&mut planned, item, on, "interim", &mut rng);
                eco.outlet(&mut planned, item, later(on, 1), &mut rng);
                let done = later(on, 4);
                planned.steps.push(match compliant {
                    true => eco
                        .items
                        .complete(done, item, &mut rng, "搬迁前污染物达标排放"),
                    false => eco
                        .items
                        .block(done, item, "排放超标，已责令停产整治，待复测"),
                });
            }
            "rebound_patrol" if !reopened.contains(item.enterprise.as_str()) => {
                eco.patrol(&mut planned, item, roll, &mut rng);
            }
            _ => {}
        }
    }
    planned
}

/// The closed workshops found running again, and the day of each patrol: the one utilities'
/// readings suspect (two days after the reading), then others picked at random.
fn rebounds<'a>(
    patrolled: &[&'a wpb::WorkItem],
    suspected: Option<&(String, DateTime<Utc>)>,
    rng: &mut Rng,
) -> Vec<(&'a wpb::WorkItem, DateTime<Utc>)> {
    let mut found = Vec::new();
    if let Some((enterprise, read_at)) = suspected
        && let Some(item) = patrolled.iter().find(|i| &i.enterprise == enterprise)
    {
        found.push((*item, later(*read_at, 2)));
    }
    while found.len() < REBOUNDS.min(patrolled.len()) {
        let item = *rng.pick(patrolled);
        if found.iter().all(|(f, _)| f.enterprise != item.enterprise) {
            found.push((item, day(rng.between(95, 110), 21)));
        }
    }
    found
}

/// The calls eco, the townships and the office make.
struct Eco {
    client: EnvironmentServiceClient<Channel>,
    registry: RegistryServiceClient<Channel>,
    items: Items,
}

impl Eco {
    /// A discharge monitoring on `item`; whether it was compliant.
    fn monitor(
        &self,
        planned: &mut Planned<EnvironmentFigures>,
        item: &wpb::WorkItem,
        at: DateTime<Utc>,
        tag: &str,
        rng: &mut Rng,
    ) -> bool {
        let (pollutant, unit, limit) = *rng.pick(&POLLUTANTS);
        let compliant = rng.chance(85);
        let percent = match compliant {
            true => rng.between(35, 95),
            false => rng.between(110, 180),
        };
        planned.figures.monitorings += 1;
        planned.figures.exceedances += usize::from(!compliant);
        let request = pb::RecordDischargeMonitoringRequest {
            request_id: format!("demo-monitoring-{tag}-{}", item.name),
            work_item: item.name.clone(),
            pollutant: pollutant.into(),
            measured_value: format!("{:.1}", f64::from(limit * percent) / 100.0),
            limit: limit.to_string(),
            unit: unit as i32,
            sampled_at: Some(timestamp(at)),
        };
        let mut client = self.client.clone();
        let what = format!("RecordDischargeMonitoring {}", item.name);
        planned.steps.push(Step::checked(
            at,
            "eco",
            what,
            request,
            move |r| async move { client.record_discharge_monitoring(r).await },
            move |m| {
                anyhow::ensure!(m.compliant == compliant, "compliance computed otherwise");
                Ok(())
            },
        ));
        compliant
    }

    /// A pollution control facility on `item`, completing it when the last monitoring was
    /// compliant.
    fn facility(
        &self,
        planned: &mut Planned<EnvironmentFigures>,
        item: &wpb::WorkItem,
        at: DateTime<Utc>,
        completes: bool,
        rng: &mut Rng,
    ) {
        planned.figures.facilities += 1;
        let request = pb::RecordPollutionControlRequest {
            request_id: format!("demo-facility-{}-{}", at.timestamp(), item.name),
            work_item: item.name.clone(),
            etag: String::new(),
            facility_type: (*rng.pick(&FACILITIES)).into(),
            installed_at: Some(timestamp(at)),
            evidence: evidence(rng, at, "治理设施已安装并正常运行"),
        };
        let mut client = self.client.clone();
        let what = format!("RecordPollutionControl {}", item.name);
        planned.steps.push(Step::checked(
            at,
            "eco",
            what,
            request,
            move |r| async move { client.record_pollution_control(r).await },
            move |answer| {
                anyhow::ensure!(
                    answer.completed == completes,
                    "completed: {}",
                    answer.completed
                );
                Ok(())
            },
        ));
    }

    /// An upgrade's pollution control: monitoring, then the facility; after an exceedance, half
    /// are fixed and monitored again.
    fn upgrade(
        &self,
        planned: &mut Planned<EnvironmentFigures>,
        item: &wpb::WorkItem,
        on: DateTime<Utc>,
        rng: &mut Rng,
    ) {
        let compliant = self.monitor(planned, item, on, "first", rng);
        let installed = later(on, rng.between(5, 12));
        self.facility(planned, item, installed, compliant, rng);
        if !compliant && rng.chance(50) {
            let again = later(installed, 15);
            let now_compliant = self.monitor(planned, item, again, "again", rng);
            self.facility(planned, item, later(again, 3), now_compliant, rng);
        }
    }

    /// A sewage outlet check on `item`.
    fn outlet(
        &self,
        planned: &mut Planned<EnvironmentFigures>,
        item: &wpb::WorkItem,
        at: DateTime<Utc>,
        rng: &mut Rng,
    ) {
        planned.figures.outlet_checks += 1;
        let conforming = rng.chance(90);
        let request = pb::RecordSewageOutletCheckRequest {
            request_id: format!("demo-outlet-{}", item.name),
            work_item: item.name.clone(),
            outlet_code: format!("DW{:03}", rng.between(1, 3)),
            conforming,
            note: match conforming {
                true => "排污口已登记，排放规范".into(),
                false => "发现未登记暗管，已责令封堵".into(),
            },
            checked_at: Some(timestamp(at)),
        };
        let check = send!(
            at,
            "eco",
            self.client,
            record_sewage_outlet_check,
            request,
            item.name
        );
        planned.steps.push(check);
    }

    /// A patrol of a closed workshop on `item`, by eco or the enterprise's township.
    fn patrol_step(
        &self,
        item: &wpb::WorkItem,
        at: DateTime<Utc>,
        by: &str,
        running: bool,
        rng: &mut Rng,
    ) -> Step {
        let request = pb::RecordReboundPatrolRequest {
            request_id: format!("demo-patrol-{by}-{}", item.name),
            work_item: item.name.clone(),
            patrolled_at: Some(timestamp(at)),
            found_running: running,
            evidence: evidence(
                rng,
                at,
                match running {
                    true => "夜间巡查发现该厂恢复生产，设备运转",
                    false => "现场已停产，设备已拆除，无恢复生产迹象",
                },
            ),
        };
        let expected = match running {
            true => pb::ReopenState::Reopened,
            false => pb::ReopenState::NotNeeded,
        };
        let mut client = self.client.clone();
        let what = format!("RecordReboundPatrol {}", item.name);
        Step::checked(
            at,
            by,
            what,
            request,
            move |r| async move { client.record_rebound_patrol(r).await },
            move |answer| {
                anyhow::ensure!(
                    answer.reopen_state() == expected,
                    "reopen state {:?}: {}",
                    answer.reopen_state(),
                    answer.reopen_error
                );
                Ok(())
            },
        )
    }

    /// Routine patrols: eco on most closed workshops, the township on some; the office signs
    /// off some that eco found quiet.
    fn patrol(
        &self,
        planned: &mut Planned<EnvironmentFigures>,
        item: &wpb::WorkItem,
        roll: usize,
        rng: &mut Rng,
    ) {
        let on = day(rng.between(40, 100), rng.between(9, 16));
        if roll < 60 {
            planned.figures.patrols += 1;
            planned
                .steps
                .push(self.patrol_step(item, on, "eco", false, rng));
            if roll < 15 {
                planned.figures.signed_off += 1;
                planned.steps.push(self.sign_off(later(on, 3), item));
            }
        }
        if (50..70).contains(&roll) {
            planned.figures.patrols += 1;
            let by = item.jurisdiction.clone();
            planned
                .steps
                .push(self.patrol_step(item, later(on, 7), &by, false, rng));
        }
    }

    /// The office signs off, then eco's patrol finds the workshop running and environment
    /// reopens it.
    fn rebound(
        &self,
        planned: &mut Planned<EnvironmentFigures>,
        item: &wpb::WorkItem,
        at: DateTime<Utc>,
        rng: &mut Rng,
    ) {
        planned.figures.signed_off += 1;
        planned
            .steps
            .push(self.sign_off(at - chrono::Duration::days(4), item));
        planned.figures.patrols += 1;
        planned.figures.rebounds.push(item.enterprise.clone());
        planned
            .steps
            .push(self.patrol_step(item, at, "eco", true, rng));
    }

    /// The closed enterprise signed off (销号). The registry accepts a sign-off from the
    /// coordinator only, which checks that every measure is complete; the demo, writing a
    /// history the services did not live through, signs these two off under the coordinator's
    /// identity without that check.
    fn sign_off(&self, at: DateTime<Utc>, item: &wpb::WorkItem) -> Step {
        let request = rpb::SignOffEnterpriseRequest {
            request_id: format!("demo-sign-off-{}", item.enterprise),
            name: item.enterprise.clone(),
            etag: String::new(),
            note: "两断三清已完成，经现场核查予以销号".into(),
        };
        send!(
            at,
            "coordinator",
            self.registry.clone(),
            sign_off_enterprise,
            request,
            item.enterprise
        )
    }
}
