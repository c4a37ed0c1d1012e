//! The enterprise list (企业台账): the coordinator's `ListEnterpriseProgress`, filtered by
//! jurisdiction, category, lifecycle state, completion and supervision flag, searched by name,
//! paged by the coordinator's page tokens. Every filter is a GET parameter, so a filtered
//! list's address can be shared.

use askama::Template;
use rectify_campaign::Campaign;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::registry::v1::{Category, LifecycleState};

use crate::layout::Layout;
use crate::views::names::{STATES, category_zh, enterprise_id, state_zh};
use crate::views::public::{CATEGORIES, Choice, party_name};

/// Completion filter values, with the coordinator's value and the Chinese name.
pub const COMPLETIONS: [(&str, pb::Completion, &str); 4] = [
    ("complete", pb::Completion::Complete, "已完成"),
    ("incomplete", pb::Completion::Incomplete, "未完成"),
    ("ready", pb::Completion::ReadyForSignOff, "待销号"),
    ("overdue", pb::Completion::Overdue, "逾期"),
];

/// Supervision flag filter values.
pub const FLAGS: [(&str, pb::Flag, &str); 5] = [
    ("late", pb::Flag::ReportedLate, "逾期上报"),
    ("discrepancy", pb::Flag::Discrepancy, "漏报"),
    ("patrol", pb::Flag::PatrolDue, "待巡查"),
    ("suspected", pb::Flag::ReboundSuspected, "疑似反弹"),
    ("reopened", pb::Flag::Reopened, "已重新整治"),
];

/// Most characters of a search (the coordinator takes 100).
pub const MAX_QUERY: usize = 100;

/// The list's parameters as the address carries them.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
pub struct ListParams {
    #[serde(default)]
    pub jurisdiction: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub completion: String,
    #[serde(default)]
    pub flag: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub page: String,
}

impl ListParams {
    /// The coordinator's request for these parameters; `None` when one names nothing known.
    pub fn request(&self, campaign: &Campaign) -> Option<pb::ListEnterpriseProgressRequest> {
        let known_jurisdiction = self.jurisdiction.is_empty()
            || campaign
                .jurisdictions()
                .any(|j| j.code == self.jurisdiction);
        let category = pick(&self.category, CATEGORIES.iter().map(|(c, v, _)| (*v, *c)))?;
        let state = pick(&self.state, STATES.iter().map(|(s, v, _)| (*v, *s)))?;
        let completion = pick(
            &self.completion,
            COMPLETIONS.iter().map(|(v, c, _)| (*v, *c)),
        )?;
        let flag = pick(&self.flag, FLAGS.iter().map(|(v, f, _)| (*v, *f)))?;
        let query = self.q.trim();
        if !known_jurisdiction || query.chars().count() > MAX_QUERY {
            return None;
        }
        Some(pb::ListEnterpriseProgressRequest {
            page_size: PAGE_SIZE,
            page_token: self.page.clone(),
            jurisdiction: self.jurisdiction.clone(),
            category: category.unwrap_or(Category::Unspecified) as i32,
            state: state.unwrap_or(LifecycleState::Unspecified) as i32,
            completion: completion.unwrap_or(pb::Completion::Unspecified) as i32,
            flag: flag.unwrap_or(pb::Flag::Unspecified) as i32,
            query: query.to_owned(),
        })
    }

    /// The address of these parameters on page `token`.
    pub fn url_with_page(&self, token: &str) -> String {
        let mut params = self.clone();
        params.page = token.to_owned();
        format!(
            "/enterprises?{}",
            serde_urlencoded::to_string(&params).unwrap_or_default()
        )
    }
}

/// Rows per page.
pub const PAGE_SIZE: i32 = 50;

/// `Some(None)` for no filter, `Some(Some(v))` for a known value, `None` for an unknown one.
fn pick<T>(value: &str, known: impl IntoIterator<Item = (&'static str, T)>) -> Option<Option<T>> {
    if value.is_empty() {
        return Some(None);
    }
    known
        .into_iter()
        .find(|(v, _)| *v == value)
        .map(|(_, t)| Some(t))
}

/// `/enterprises`.
#[derive(Template)]
#[template(path = "enterprises.html")]
pub struct EnterprisesPage {
    pub layout: Layout,
    pub q: String,
    pub filters: Vec<FilterView>,
    pub rows: Vec<EnterpriseRow>,
    pub next_page: Option<String>,
    pub first_page: Option<String>,
    pub unavailable: Option<&'static str>,
}

/// One drop-down filter.
#[derive(Clone, Debug)]
pub struct FilterView {
    /// The parameter's name and the element's id.
    pub id: &'static str,
    pub label: &'static str,
    pub options: Vec<Choice>,
}

/// One enterprise in the list.
#[derive(Clone, Debug)]
pub struct EnterpriseRow {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    pub category: &'static str,
    pub state: &'static str,
    pub measures: String,
    pub complete: bool,
    pub due_date: String,
    pub overdue: bool,
    pub flags: Vec<&'static str>,
}

impl EnterpriseRow {
    pub fn of(e: &pb::EnterpriseProgress, campaign: &Campaign) -> EnterpriseRow {
        let mut flags = Vec::new();
        for (set, zh) in [
            (e.reported_late, "逾期上报"),
            (e.discrepancy, "漏报"),
            (!e.patrol_due_date.is_empty(), "巡查"),
            (e.rebound_suspected, "疑似反弹"),
            (e.reopen_count > 0, "重新整治"),
            (e.ready_for_sign_off, "待销号"),
        ] {
            if set {
                flags.push(zh);
            }
        }
        EnterpriseRow {
            id: enterprise_id(&e.name).to_owned(),
            name: e.display_name.clone(),
            jurisdiction: party_name(campaign, &e.jurisdiction),
            category: category_zh(e.category),
            state: state_zh(e.state),
            measures: format!("{}/{}", e.measures_complete, e.measures),
            complete: e.complete,
            due_date: e.due_date.clone(),
            overdue: e.overdue,
            flags,
        }
    }
}

/// The filters' options, the chosen one selected.
pub fn choices<'a>(
    chosen: &str,
    options: impl IntoIterator<Item = (&'a str, String)>,
) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            value: value.to_owned(),
            label,
            selected: value == chosen,
        })
        .collect()
}

impl EnterprisesPage {
    /// The page's frame and filters for `params`, without rows yet.
    pub fn new(layout: Layout, params: &ListParams, campaign: &Campaign) -> EnterprisesPage {
        EnterprisesPage {
            layout,
            q: params.q.clone(),
            filters: vec![
                FilterView {
                    id: "jurisdiction",
                    label: "属地",
                    options: choices(
                        &params.jurisdiction,
                        campaign
                            .jurisdictions()
                            .map(|j| (j.code.as_str(), party_name(campaign, &j.code))),
                    ),
                },
                FilterView {
                    id: "category",
                    label: "整治类别",
                    options: choices(
                        &params.category,
                        CATEGORIES.iter().map(|(_, v, zh)| (*v, (*zh).to_owned())),
                    ),
                },
                FilterView {
                    id: "state",
                    label: "状态",
                    options: choices(
                        &params.state,
                        STATES.iter().map(|(_, v, zh)| (*v, (*zh).to_owned())),
                    ),
                },
                FilterView {
                    id: "completion",
                    label: "完成情况",
                    options: choices(
                        &params.completion,
                        COMPLETIONS.iter().map(|(v, _, zh)| (*v, (*zh).to_owned())),
                    ),
                },
                FilterView {
                    id: "flag",
                    label: "督导标记",
                    options: choices(
                        &params.flag,
                        FLAGS.iter().map(|(v, _, zh)| (*v, (*zh).to_owned())),
                    ),
                },
            ],
            rows: Vec::new(),
            next_page: None,
            first_page: (!params.page.is_empty()).then(|| params.url_with_page("")),
            unavailable: None,
        }
    }
}
