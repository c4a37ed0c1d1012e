//! The overview (总览): the campaign's headline figures, completion by jurisdiction, category
//! and bureau as server-side bar charts, and the milestones with days left — all exactly the
//! coordinator's `GetSummary`, `ListSummaries` and `GetMilestones`. The headline and the charts
//! are marked fragments that the live feed re-renders when the coordinator's summary moves.

use askama::Template;
use rectify_campaign::Campaign;
use rectify_proto::coordinator::v1 as pb;

use crate::chart::BarChart;
use crate::coordinator::CoordinatorClient;
use crate::layout::Layout;
use crate::live::LiveUpdate;
use crate::views::names::{category_key_zh, percent, state_zh};
use crate::views::public::party_name;

/// The `data-live` names of the overview's fragments.
pub const HEADLINE: &str = "overview-headline";
pub const CHARTS: &str = "overview-charts";

/// `/`.
#[derive(Template)]
#[template(path = "overview.html")]
pub struct OverviewPage {
    pub layout: Layout,
    /// `None` when the coordinator could not be read; `unavailable` says why.
    pub data: Option<OverviewData>,
    pub unavailable: Option<&'static str>,
}

/// The headline figures alone, as a live update re-renders them.
#[derive(Template)]
#[template(path = "overview_headline.html")]
pub struct HeadlineFragment<'a> {
    pub data: &'a OverviewData,
}

/// The charts and milestones alone, as a live update re-renders them.
#[derive(Template)]
#[template(path = "overview_charts.html")]
pub struct ChartsFragment<'a> {
    pub data: &'a OverviewData,
}

/// What the overview shows.
#[derive(Clone, Debug)]
pub struct OverviewData {
    pub figures: Vec<Figure>,
    /// Enterprises per lifecycle state (only states that have any).
    pub states: Vec<Figure>,
    pub charts: Vec<ChartView>,
    pub today: String,
    pub milestones: Vec<MilestoneView>,
    /// When the coordinator read the summary (CST).
    pub read_time: String,
}

/// One headline figure: `id` marks it for tests and scripts (`figure-{id}`).
#[derive(Clone, Debug)]
pub struct Figure {
    pub id: String,
    pub label: &'static str,
    pub value: String,
    /// Shown in the warning colour (overdue).
    pub warn: bool,
}

/// A chart with its heading.
#[derive(Clone, Debug)]
pub struct ChartView {
    pub heading: String,
    pub svg: String,
}

impl ChartView {
    fn of(chart: &BarChart) -> ChartView {
        ChartView {
            heading: chart.title.clone(),
            svg: chart.to_svg(),
        }
    }
}

/// A milestone with days left.
#[derive(Clone, Debug)]
pub struct MilestoneView {
    pub code: String,
    pub title: String,
    pub date: String,
    pub days: String,
    pub passed: bool,
}

/// Reads everything the overview shows from the coordinator.
pub async fn load(
    client: &CoordinatorClient,
    campaign: &Campaign,
) -> Result<OverviewData, tonic::Status> {
    let (summary, jurisdictions, categories, bureaus, milestones) = tokio::try_join!(
        client.summary(),
        client.summaries(pb::Dimension::Jurisdiction),
        client.summaries(pb::Dimension::Category),
        client.summaries(pb::Dimension::Bureau),
        client.milestones(),
    )?;
    Ok(OverviewData::new(
        &summary,
        &jurisdictions,
        &categories,
        &bureaus,
        &milestones,
        campaign,
    ))
}

fn figure(id: &str, label: &'static str, value: i64, warn: bool) -> Figure {
    Figure {
        id: id.to_owned(),
        label,
        value: value.to_string(),
        warn: warn && value > 0,
    }
}

impl OverviewData {
    /// The overview of the coordinator's answers.
    pub fn new(
        summary: &pb::Summary,
        jurisdictions: &[pb::Summary],
        categories: &[pb::Summary],
        bureaus: &[pb::Summary],
        milestones: &pb::GetMilestonesResponse,
        campaign: &Campaign,
    ) -> OverviewData {
        let s = summary;
        let mut figures = vec![
            figure("enterprises", "纳入台账企业", s.enterprises, false),
            figure("complete", "整治完成", s.complete, false),
            figure("ready-for-sign-off", "待销号", s.ready_for_sign_off, false),
            figure("signed-off", "已销号", s.signed_off, false),
            figure(
                "overdue-enterprises",
                "逾期企业",
                s.overdue_enterprises,
                true,
            ),
            figure("items", "工作事项", s.items, false),
            figure("items-complete", "事项已完成", s.items_complete, false),
            figure("items-open", "事项办理中", s.items_open, false),
            figure("items-blocked", "事项受阻", s.items_blocked, true),
            figure("items-overdue", "事项逾期", s.items_overdue, true),
        ];
        figures.push(Figure {
            id: "completion-rate".to_owned(),
            label: "整治完成率",
            value: percent(s.completion_rate),
            warn: false,
        });
        let states = s
            .states
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| Figure {
                id: format!("state-{}", c.state),
                label: state_zh(c.state),
                value: c.count.to_string(),
                warn: false,
            })
            .collect();
        let by_jurisdiction = BarChart::completion(
            "整治完成企业（按属地）",
            jurisdictions.iter().map(|j| {
                (
                    party_name(campaign, &j.key),
                    count(j.complete),
                    count(j.enterprises),
                )
            }),
        );
        let by_category = BarChart::completion(
            "整治完成企业（按类别）",
            categories.iter().map(|c| {
                (
                    category_key_zh(&c.key).to_owned(),
                    count(c.complete),
                    count(c.enterprises),
                )
            }),
        );
        let by_bureau = BarChart::completion(
            "已完成工作事项（按责任单位）",
            bureaus.iter().map(|b| {
                (
                    party_name(campaign, &b.key),
                    count(b.items_complete),
                    count(b.items),
                )
            }),
        );
        let toward_milestone = BarChart::completion(
            "距全面完成节点的整治进度",
            [("全县".to_owned(), count(s.complete), count(s.enterprises))],
        );
        OverviewData {
            figures,
            states,
            charts: vec![
                ChartView::of(&toward_milestone),
                ChartView::of(&by_jurisdiction),
                ChartView::of(&by_category),
                ChartView::of(&by_bureau),
            ],
            today: milestones.today.clone(),
            milestones: milestones
                .milestones
                .iter()
                .map(|m| MilestoneView {
                    code: m.code.clone(),
                    title: m.title.clone(),
                    date: m.date.clone(),
                    days: if m.passed {
                        format!("已过 {} 天", -m.days_left)
                    } else {
                        format!("剩余 {} 天", m.days_left)
                    },
                    passed: m.passed,
                })
                .collect(),
            read_time: crate::views::names::time_cst(s.read_time.as_ref()),
        }
    }

    /// The overview's marked fragments, re-rendered.
    pub fn live_updates(&self) -> Result<Vec<LiveUpdate>, askama::Error> {
        Ok(vec![
            LiveUpdate {
                target: HEADLINE.to_owned(),
                html: HeadlineFragment { data: self }.render()?,
            },
            LiveUpdate {
                target: CHARTS.to_owned(),
                html: ChartsFragment { data: self }.render()?,
            },
        ])
    }
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}
