//! Supervision (督导): per jurisdiction the late reports, discrepancies and completion rank;
//! per bureau the overdue items and median days to act; the overdue items themselves — from
//! the coordinator's `GetSupervision` and `ListOverdueItems`. The same data prints as an A4
//! report for 约谈 and 问责 (`/supervision/report`).

use askama::Template;
use rectify_campaign::{Campaign, JURISDICTION};
use rectify_proto::coordinator::v1 as pb;

use crate::layout::Layout;
use crate::views::names::{enterprise_id, item_state_zh, measure_title, percent};
use crate::views::public::party_name;

/// `/supervision`.
#[derive(Template)]
#[template(path = "supervision.html")]
pub struct SupervisionPage {
    pub layout: Layout,
    pub data: Option<SupervisionData>,
    pub unavailable: Option<&'static str>,
}

/// `/supervision/report`: the same, laid out to print.
#[derive(Template)]
#[template(path = "supervision_report.html")]
pub struct SupervisionReport {
    pub layout: Layout,
    pub data: Option<SupervisionData>,
    pub unavailable: Option<&'static str>,
    /// The campaign's title and document number, for the report's head.
    pub campaign_title: String,
    pub document_number: String,
    /// Today (CST), the report's date.
    pub date: String,
}

/// What both show.
#[derive(Clone, Debug)]
pub struct SupervisionData {
    pub jurisdictions: Vec<JurisdictionRow>,
    pub bureaus: Vec<BureauRow>,
    pub overdue: Vec<OverdueRow>,
}

#[derive(Clone, Debug)]
pub struct JurisdictionRow {
    pub code: String,
    pub name: String,
    pub rank: i32,
    pub enterprises: i64,
    pub complete: i64,
    pub completion_rate: String,
    pub reported_late: i64,
    pub discrepancies: i64,
    pub overdue_enterprises: i64,
}

#[derive(Clone, Debug)]
pub struct BureauRow {
    pub code: String,
    pub name: String,
    pub items: i64,
    pub items_complete: i64,
    pub items_overdue: i64,
    pub median_days_to_act: String,
}

#[derive(Clone, Debug)]
pub struct OverdueRow {
    pub enterprise_id: String,
    pub jurisdiction: String,
    pub measure: String,
    pub executor: String,
    pub deadline: String,
    pub state: &'static str,
}

impl SupervisionData {
    pub fn new(
        supervision: &pb::Supervision,
        overdue: &[pb::ItemProgress],
        campaign: &Campaign,
    ) -> SupervisionData {
        SupervisionData {
            jurisdictions: supervision
                .jurisdictions
                .iter()
                .map(|j| JurisdictionRow {
                    code: j.jurisdiction.clone(),
                    name: party_name(campaign, &j.jurisdiction),
                    rank: j.completion_rank,
                    enterprises: j.enterprises,
                    complete: j.complete,
                    completion_rate: percent(j.completion_rate),
                    reported_late: j.reported_late,
                    discrepancies: j.discrepancies,
                    overdue_enterprises: j.overdue_enterprises,
                })
                .collect(),
            bureaus: supervision
                .bureaus
                .iter()
                .map(|b| BureauRow {
                    code: b.bureau.clone(),
                    name: party_name(campaign, &b.bureau),
                    items: b.items,
                    items_complete: b.items_complete,
                    items_overdue: b.items_overdue,
                    median_days_to_act: format!("{:.1}", b.median_days_to_act),
                })
                .collect(),
            overdue: overdue
                .iter()
                .map(|i| OverdueRow {
                    enterprise_id: enterprise_id(&i.enterprise).to_owned(),
                    jurisdiction: party_name(campaign, &i.jurisdiction),
                    measure: measure_title(campaign, &i.kind),
                    executor: party_name(
                        campaign,
                        if i.executor == JURISDICTION {
                            &i.jurisdiction
                        } else {
                            &i.executor
                        },
                    ),
                    deadline: i.deadline.clone(),
                    state: item_state_zh(i.state),
                })
                .collect(),
        }
    }
}
