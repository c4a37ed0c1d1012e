//! One enterprise (企业详情): where it stands, its plan's measures as work items (responsible
//! unit, deadline, state), and the timeline of every event about it across all services with
//! the evidence each carries — from the coordinator's `GetEnterpriseProgress` and
//! `GetEnterpriseTimeline`. The office sees a sign-off form when it is ready for sign-off.

use askama::Template;
use rectify_campaign::{Campaign, JURISDICTION};
use rectify_proto::coordinator::v1 as pb;

use crate::layout::Layout;
use crate::views::names::{
    category_zh, enterprise_id, item_state_zh, measure_title, state_zh, time_cst,
};
use crate::views::public::party_name;

/// `/enterprises/{id}`.
#[derive(Template)]
#[template(path = "enterprise.html")]
pub struct EnterprisePage {
    pub layout: Layout,
    pub enterprise: Option<EnterpriseView>,
    pub items: Vec<ItemRow>,
    pub timeline: Vec<TimelineRow>,
    /// Whether to show the sign-off form (an office user, an enterprise ready for it).
    pub may_sign_off: bool,
    /// Said above the page: signed off just now, or why a sign-off was refused.
    pub notice: Option<String>,
    pub error: Option<String>,
    pub unavailable: Option<&'static str>,
}

/// The enterprise's facts.
#[derive(Clone, Debug)]
pub struct EnterpriseView {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    pub category: &'static str,
    pub state: &'static str,
    pub round: i32,
    pub measures: String,
    pub complete: bool,
    pub ready_for_sign_off: bool,
    pub due_date: String,
    pub overdue: bool,
    pub reporters: String,
    pub first_report: String,
    pub signed_off: String,
    pub patrol_due_date: String,
    pub last_patrol: String,
    pub rebound_suspected: bool,
    pub flags: Vec<&'static str>,
}

/// One work item of the current round.
#[derive(Clone, Debug)]
pub struct ItemRow {
    pub measure: String,
    pub service: String,
    pub executor: String,
    pub deadline: String,
    pub state: &'static str,
    pub complete: bool,
    pub overdue: bool,
    pub needs_verification: bool,
    pub done: String,
}

/// One event of the timeline.
#[derive(Clone, Debug)]
pub struct TimelineRow {
    pub when: String,
    pub service: String,
    pub event: String,
    pub actor: String,
    pub resource: String,
    pub evidence: Vec<String>,
}

impl EnterpriseView {
    pub fn of(e: &pb::EnterpriseProgress, campaign: &Campaign) -> EnterpriseView {
        let mut flags = Vec::new();
        for (set, zh) in [
            (e.reported_late, "逾期上报"),
            (e.discrepancy, "漏报（非属地上报发现）"),
            (e.reopen_count > 0, "反弹后重新整治"),
        ] {
            if set {
                flags.push(zh);
            }
        }
        EnterpriseView {
            id: enterprise_id(&e.name).to_owned(),
            name: e.display_name.clone(),
            jurisdiction: party_name(campaign, &e.jurisdiction),
            category: category_zh(e.category),
            state: state_zh(e.state),
            round: e.round,
            measures: format!("{}/{}", e.measures_complete, e.measures),
            complete: e.complete,
            ready_for_sign_off: e.ready_for_sign_off,
            due_date: e.due_date.clone(),
            overdue: e.overdue,
            reporters: e
                .reporters
                .iter()
                .map(|r| party_name(campaign, r))
                .collect::<Vec<_>>()
                .join("、"),
            first_report: time_cst(e.first_report_time.as_ref()),
            signed_off: time_cst(e.sign_off_time.as_ref()),
            patrol_due_date: e.patrol_due_date.clone(),
            last_patrol: time_cst(e.last_patrol_time.as_ref()),
            rebound_suspected: e.rebound_suspected,
            flags,
        }
    }
}

impl ItemRow {
    pub fn of(item: &pb::ItemProgress, jurisdiction: &str, campaign: &Campaign) -> ItemRow {
        let executor = if item.executor == JURISDICTION {
            jurisdiction
        } else {
            &item.executor
        };
        ItemRow {
            measure: measure_title(campaign, &item.kind),
            service: item.service.clone(),
            executor: party_name(campaign, executor),
            deadline: item.deadline.clone(),
            state: item_state_zh(item.state),
            complete: item.complete,
            overdue: item.overdue,
            needs_verification: item.needs_verification,
            done: time_cst(item.done_time.as_ref()),
        }
    }
}

impl TimelineRow {
    pub fn of(entry: &pb::TimelineEntry, campaign: &Campaign) -> TimelineRow {
        let actor_party = entry.actor.split('/').next().unwrap_or_default();
        TimelineRow {
            when: time_cst(entry.record_time.as_ref()),
            service: entry.service.clone(),
            event: entry
                .event_type
                .rsplit('.')
                .next()
                .unwrap_or_default()
                .to_owned(),
            actor: party_name(campaign, actor_party),
            resource: entry.resource.clone(),
            evidence: entry
                .evidence
                .iter()
                .flat_map(|evidence| {
                    let attachments = evidence.attachments.iter().map(|a| {
                        format!(
                            "附件 {} ({}, SHA-256 {}…)",
                            a.file_name,
                            a.media_type,
                            &a.sha256[..a.sha256.len().min(12)]
                        )
                    });
                    let figures = evidence.figures.iter().map(|f| {
                        format!("{}：{} {}", f.name, f.value, f.unit)
                            .trim()
                            .to_owned()
                    });
                    let note =
                        (!evidence.note.is_empty()).then(|| format!("说明：{}", evidence.note));
                    attachments.chain(figures).chain(note)
                })
                .collect(),
        }
    }
}
