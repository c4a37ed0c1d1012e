//! The overview (总览) as it stands before the coordinator's projections: the published plans
//! by jurisdiction and by category, drawn as server-side bar charts, and a live status line.

use std::collections::BTreeMap;

use askama::Template;
use rectify_campaign::Campaign;
use rectify_proto::registry::v1 as pb;

use crate::chart::BarChart;
use crate::layout::Layout;
use crate::views::public::{CATEGORIES, party_name};

/// `/`.
#[derive(Template)]
#[template(path = "overview.html")]
pub struct OverviewPage {
    pub layout: Layout,
    /// How many plans are published.
    pub published: usize,
    /// Charts, each an `<svg>` element.
    pub charts: Vec<ChartView>,
    /// Set when the registry could not be read.
    pub unavailable: Option<&'static str>,
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

/// The charts of `plans`: per jurisdiction (every jurisdiction of the campaign, in file order,
/// zero included) and per category.
pub fn charts(plans: &[pb::PublicPlan], campaign: &Campaign) -> Vec<ChartView> {
    let mut by_jurisdiction: BTreeMap<&str, u64> = BTreeMap::new();
    let mut by_category: BTreeMap<i32, u64> = BTreeMap::new();
    for plan in plans {
        *by_jurisdiction
            .entry(plan.jurisdiction.as_str())
            .or_default() += 1;
        *by_category.entry(plan.category).or_default() += 1;
    }
    let jurisdictions = BarChart::counts(
        "已公布整治方案（按属地）",
        campaign.jurisdictions().map(|j| {
            (
                party_name(campaign, &j.code),
                by_jurisdiction.get(j.code.as_str()).copied().unwrap_or(0),
            )
        }),
    );
    let categories = BarChart::counts(
        "已公布整治方案（按类别）",
        CATEGORIES.iter().map(|(category, _, zh)| {
            (
                (*zh).to_owned(),
                by_category.get(&(*category as i32)).copied().unwrap_or(0),
            )
        }),
    );
    vec![ChartView::of(&jurisdictions), ChartView::of(&categories)]
}
