//! Rebound watch (反弹巡查): closed enterprises due or overdue for a patrol, suspicions raised
//! by power readings, and rebounds found and reopened — the coordinator's `ListRebounds`, one
//! list per flag.

use askama::Template;
use rectify_campaign::Campaign;
use rectify_proto::coordinator::v1 as pb;

use crate::layout::Layout;
use crate::views::names::{enterprise_id, state_zh, time_cst};
use crate::views::public::party_name;

/// `/rebounds`.
#[derive(Template)]
#[template(path = "rebounds.html")]
pub struct ReboundsPage {
    pub layout: Layout,
    pub sections: Vec<ReboundSection>,
    pub unavailable: Option<&'static str>,
}

/// One list: patrols due, suspicions, or reopened.
#[derive(Clone, Debug)]
pub struct ReboundSection {
    pub id: &'static str,
    pub heading: &'static str,
    pub rows: Vec<ReboundRow>,
    /// More than one page exists; only the first is shown.
    pub more: bool,
}

#[derive(Clone, Debug)]
pub struct ReboundRow {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    pub state: &'static str,
    pub patrol_due_date: String,
    pub patrol_overdue: bool,
    pub last_patrol: String,
    pub reopen_count: i32,
    pub round: i32,
}

/// The three lists, in the order the page shows them.
pub const SECTIONS: [(&str, pb::Flag, &str); 3] = [
    ("patrols", pb::Flag::PatrolDue, "到期或逾期待巡查的关停企业"),
    (
        "suspected",
        pb::Flag::ReboundSuspected,
        "用电数据提示疑似反弹",
    ),
    ("reopened", pb::Flag::Reopened, "发现反弹并重新整治"),
];

impl ReboundSection {
    pub fn new(
        (id, _, heading): (&'static str, pb::Flag, &'static str),
        page: &pb::ListReboundsResponse,
        today: &str,
        campaign: &Campaign,
    ) -> ReboundSection {
        ReboundSection {
            id,
            heading,
            rows: page
                .enterprises
                .iter()
                .map(|e| ReboundRow {
                    id: enterprise_id(&e.name).to_owned(),
                    name: e.display_name.clone(),
                    jurisdiction: party_name(campaign, &e.jurisdiction),
                    state: state_zh(e.state),
                    patrol_due_date: e.patrol_due_date.clone(),
                    patrol_overdue: !e.patrol_due_date.is_empty()
                        && e.patrol_due_date.as_str() < today,
                    last_patrol: time_cst(e.last_patrol_time.as_ref()),
                    reopen_count: e.reopen_count,
                    round: e.round,
                })
                .collect(),
            more: !page.next_page_token.is_empty(),
        }
    }
}
