//! The public list (公示名单): published 一企一策 plans, built only from the registry's public
//! fields (`PublicPlan`), never from a private record with fields hidden.

use askama::Template;
use rectify_campaign::Campaign;
use rectify_proto::registry::v1 as pb;

use crate::layout::Layout;

/// `/public`.
#[derive(Template)]
#[template(path = "public.html")]
pub struct PublicPage {
    pub layout: Layout,
    pub rows: Vec<PublicRow>,
    pub jurisdictions: Vec<Choice>,
    pub categories: Vec<Choice>,
    /// The address of the next page, when there is one.
    pub next_page: Option<String>,
    /// Whether this is a later page (a link back to the first is shown).
    pub later_page: bool,
    /// Set when the list could not be read.
    pub unavailable: Option<&'static str>,
}

/// One option of a filter.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One published plan, as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicRow {
    pub enterprise_name: String,
    pub jurisdiction: String,
    pub category: &'static str,
    /// `close`, `relocate` or `upgrade`: the tag's colour.
    pub category_class: &'static str,
    pub measures: Vec<PublicMeasureRow>,
    pub responsible_unit: String,
    pub deadline: String,
    pub published_on: String,
}

/// One measure of a published plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicMeasureRow {
    pub title: String,
    pub owner: String,
    pub deadline: String,
}

/// The categories a plan can have, with their Chinese names and filter values.
pub const CATEGORIES: [(pb::Category, &str, &str); 3] = [
    (pb::Category::Close, "close", "关停取缔"),
    (pb::Category::Relocate, "relocate", "集聚搬迁"),
    (pb::Category::Upgrade, "upgrade", "升级改造"),
];

/// The Chinese name and filter value of `category`.
pub fn category_names(category: pb::Category) -> (&'static str, &'static str) {
    CATEGORIES
        .iter()
        .find(|(c, _, _)| *c == category)
        .map(|(_, value, zh)| (*zh, *value))
        .unwrap_or(("未分类", ""))
}

/// The name of the party `code` in `campaign`, or the code itself when unknown.
pub fn party_name(campaign: &Campaign, code: &str) -> String {
    campaign
        .party(code)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

impl PublicRow {
    /// The row of `plan`: only the whitelisted public fields exist on [`pb::PublicPlan`].
    pub fn from_plan(plan: &pb::PublicPlan, campaign: &Campaign) -> PublicRow {
        let (category, category_class) = category_names(plan.category());
        let jurisdiction = party_name(campaign, &plan.jurisdiction);
        PublicRow {
            enterprise_name: plan.enterprise_name.clone(),
            jurisdiction: jurisdiction.clone(),
            category,
            category_class,
            measures: plan
                .measures
                .iter()
                .map(|m| PublicMeasureRow {
                    title: m.title.clone(),
                    owner: match m.owner.as_str() {
                        "jurisdiction" => jurisdiction.clone(),
                        code => party_name(campaign, code),
                    },
                    deadline: m.deadline.clone(),
                })
                .collect(),
            responsible_unit: party_name(campaign, &plan.responsible_unit),
            deadline: plan.deadline.clone(),
            published_on: plan
                .publish_time
                .as_ref()
                .and_then(|t| chrono::DateTime::from_timestamp(t.seconds, 0))
                .map(|t| rectify_kit::clock::date_cst(t).to_string())
                .unwrap_or_default(),
        }
    }
}
