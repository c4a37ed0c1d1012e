//! Who reports a demo workshop, through which channel, and what each report says: the township's
//! survey, petitions, the pollution-source ledger, grid supervision and bureau inspections, with
//! some workshops reported twice or three times so that merging shows.

use rectify_registry::domain::{Criteria, FindingSource, Operator};

use super::criteria::seen_by;
use super::identity::{self, Identity, Territory};
use super::industries::Industry;
use super::rng::Rng;

/// One report as it is sent to ReportFinding.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoFinding {
    /// Party code of the reporter (whose token sends it).
    pub reporter: String,
    /// The channel it came through.
    pub source: FindingSource,
    /// The name as this reporter wrote it.
    pub enterprise_name: String,
    /// The credit code, when this reporter knows it.
    pub credit_code: Option<String>,
    /// The operator, as far as this reporter knows.
    pub operator: Operator,
    /// The address as this reporter wrote it.
    pub address: String,
    /// The jurisdiction the workshop is in.
    pub jurisdiction: String,
    /// GPS position, when this reporter took one.
    pub location: Option<(f64, f64)>,
    /// The industry.
    pub industry: String,
    /// What this reporter assessed.
    pub criteria: Criteria,
    /// What this reporter noted.
    pub note: String,
}

/// A channel and the party that reports through it.
type Channel = (FindingSource, &'static str);

/// Later reports come from these (the jurisdiction stands for the workshop's own township).
const LATER_CHANNELS: &[Channel] = &[
    (FindingSource::TownshipSurvey, JURISDICTION),
    (FindingSource::Petition, "eco"),
    (FindingSource::PollutionSourceLedger, "eco"),
    (FindingSource::GridSupervision, "eco"),
    (FindingSource::BureauInspection, "market"),
    (FindingSource::BureauInspection, "water"),
    (FindingSource::BureauInspection, "safety"),
    (FindingSource::BureauInspection, "miit"),
    (FindingSource::BureauInspection, "land"),
];

/// Placeholder for the workshop's own jurisdiction in [`LATER_CHANNELS`].
const JURISDICTION: &str = "jurisdiction";

/// The first report: mostly the township's survey, else a bureau's channel. It carries the whole
/// assessment, so the office can classify from it.
fn first_channel(rng: &mut Rng) -> Channel {
    match rng.weighted(&[70, 8, 7, 7, 8]) {
        0 => (FindingSource::TownshipSurvey, JURISDICTION),
        1 => (FindingSource::Petition, "eco"),
        2 => (FindingSource::PollutionSourceLedger, "eco"),
        3 => (FindingSource::GridSupervision, "eco"),
        _ => (
            FindingSource::BureauInspection,
            *rng.pick(&["miit", "market", "water", "safety", "land"]),
        ),
    }
}

/// Every report of one workshop, first report first.
pub fn findings(
    rng: &mut Rng,
    who: &Identity,
    territory: &Territory,
    industry: &Industry,
    truth: &Criteria,
) -> Vec<DemoFinding> {
    let mut used = vec![first_channel(rng)];
    let township_first = used[0].0 == FindingSource::TownshipSurvey;
    let first = DemoFinding {
        reporter: reporter(used[0], territory),
        source: used[0].0,
        enterprise_name: who.name.clone(),
        // A township often does not write the code down; a later report supplies it.
        credit_code: code(who).filter(|_| !(township_first && rng.chance(30))),
        operator: who.operator.clone(),
        address: who.address.clone(),
        jurisdiction: territory.code.clone(),
        location: Some(who.location),
        industry: industry.label.to_owned(),
        criteria: truth.clone(),
        note: note(used[0], territory, industry, truth),
    };
    let mut all = vec![first];
    let later = rng.weighted(&[70, 23, 7]);
    for _ in 0..later {
        let channel = if !township_first && used.len() == 1 && rng.chance(60) {
            LATER_CHANNELS[0]
        } else {
            let fresh: Vec<Channel> = LATER_CHANNELS
                .iter()
                .copied()
                .filter(|c| !used.contains(c))
                .collect();
            *rng.pick(&fresh)
        };
        used.push(channel);
        let first_has_code = all[0].credit_code.is_some();
        all.push(later_finding(
            rng,
            channel,
            who,
            territory,
            industry,
            truth,
            first_has_code,
        ));
    }
    all
}

/// A later report of the same workshop: found again by credit code, or by the same name and
/// address typed differently.
fn later_finding(
    rng: &mut Rng,
    channel: Channel,
    who: &Identity,
    territory: &Territory,
    industry: &Industry,
    truth: &Criteria,
    first_has_code: bool,
) -> DemoFinding {
    let reporter = reporter(channel, territory);
    let by_code = first_has_code && rng.chance(50);
    let (enterprise_name, address, credit_code) = if by_code {
        let name = identity::registered_name(&who.name);
        (name, format!("桦川县{}", who.address), code(who))
    } else {
        let (name, address) = identity::retyped(rng, &who.name, &who.address);
        let knows_code = reporter == "market" || rng.chance(30);
        (name, address, code(who).filter(|_| knows_code))
    };
    let township = channel.0 == FindingSource::TownshipSurvey;
    DemoFinding {
        criteria: seen_by(&reporter, truth),
        note: note(channel, territory, industry, truth),
        reporter,
        source: channel.0,
        enterprise_name,
        credit_code,
        operator: Operator {
            id_number: if township {
                who.operator.id_number.clone()
            } else {
                String::new()
            },
            ..who.operator.clone()
        },
        address,
        jurisdiction: territory.code.clone(),
        location: township.then_some(who.location),
        industry: industry.label.to_owned(),
    }
}

fn code(who: &Identity) -> Option<String> {
    who.credit_code.as_ref().map(|c| c.as_str().to_owned())
}

fn reporter(channel: Channel, territory: &Territory) -> String {
    match channel.1 {
        JURISDICTION => territory.code.clone(),
        party => party.to_owned(),
    }
}

/// What a report says, in the reporter's words.
fn note(channel: Channel, territory: &Territory, industry: &Industry, truth: &Criteria) -> String {
    let a = &truth.approvals;
    match channel {
        (FindingSource::TownshipSurvey, _) => {
            format!("{}排查上报：{}", territory.name, industry.nuisance)
        }
        (FindingSource::Petition, _) => format!("群众来电反映：{}", industry.complaint),
        (FindingSource::PollutionSourceLedger, _) => format!(
            "污染源企业台账比对：{}，{}",
            held(a.environmental, "已办理环评手续", "未办理环评手续"),
            industry.nuisance
        ),
        (FindingSource::GridSupervision, _) => format!("网格员巡查发现：{}", industry.nuisance),
        (_, "market") => format!(
            "市场监管所检查：{}",
            held(a.business_licence, "持有营业执照", "无照从事生产经营")
        ),
        (_, "water") => format!(
            "水务局检查：{}",
            held(a.water_intake, "取水手续齐全", "自备井取水未办理取水许可")
        ),
        (_, "safety") => format!(
            "应急管理局检查：{}",
            held(
                a.safety,
                "安全生产手续齐全",
                "未办理安全生产相关手续，存在隐患"
            )
        ),
        (_, "miit") => format!(
            "工信局核查：{}",
            match (truth.conforms_national_policy, truth.in_industrial_park) {
                (Some(false), _) => "属于国家明令淘汰的落后产能",
                (_, Some(false)) => "未进驻工业园区",
                _ => "符合产业政策",
            }
        ),
        (_, _) => format!(
            "自然资源局核查：{}",
            held(a.land_use, "用地手续齐全", "用地手续不全")
        ),
    }
}

fn held(value: Option<bool>, yes: &'static str, no: &'static str) -> &'static str {
    if value == Some(false) { no } else { yes }
}
