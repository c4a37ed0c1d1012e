//! `GET /public`: the public list (公示名单), for anyone, without logging in: a page of the
//! registry's published plans, filtered by jurisdiction and category.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use rectify_proto::registry::v1 as pb;
use serde::Deserialize;

use crate::layout::Layout;
use crate::public_list::PublicQuery;
use crate::render::{message_page, page_with_status};
use crate::state::AppState;
use crate::views::public::{CATEGORIES, Choice, PublicPage, PublicRow, party_name};

/// `?jurisdiction=…&category=…&page=…`.
#[derive(Debug, Default, Deserialize)]
pub struct PublicParams {
    #[serde(default)]
    jurisdiction: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    page: String,
}

/// What the list says when the registry cannot be reached or is not configured.
const UNAVAILABLE: &str =
    "台账服务暂不可用，请稍后再试 (the registry cannot be reached; please try again later)";

pub async fn show(State(state): State<AppState>, Query(params): Query<PublicParams>) -> Response {
    let campaign = &state.config.campaign;
    let known_jurisdiction = params.jurisdiction.is_empty()
        || campaign
            .jurisdictions()
            .any(|j| j.code == params.jurisdiction);
    let category = CATEGORIES
        .iter()
        .find(|(_, value, _)| *value == params.category);
    if !known_jurisdiction || (category.is_none() && !params.category.is_empty()) {
        return message_page(
            StatusCode::BAD_REQUEST,
            "筛选条件无效",
            "所选属地或整治类别不存在 (no such jurisdiction or category)",
        );
    }
    let query = PublicQuery {
        jurisdiction: params.jurisdiction.clone(),
        category: category
            .map(|(c, _, _)| *c)
            .unwrap_or(pb::Category::Unspecified),
        page_token: params.page.clone(),
    };
    let answer = match &state.registry {
        Some(registry) => registry.page(&query).await.map_err(|status| {
            tracing::warn!(%status, "public list: registry call failed");
        }),
        None => Err(()),
    };
    let mut view = PublicPage {
        layout: Layout::public("公示名单", "/public"),
        rows: Vec::new(),
        jurisdictions: campaign
            .jurisdictions()
            .map(|j| Choice {
                value: j.code.clone(),
                label: party_name(campaign, &j.code),
                selected: j.code == params.jurisdiction,
            })
            .collect(),
        categories: CATEGORIES
            .iter()
            .map(|(_, value, zh)| Choice {
                value: (*value).to_owned(),
                label: (*zh).to_owned(),
                selected: *value == params.category,
            })
            .collect(),
        next_page: None,
        later_page: !params.page.is_empty(),
        unavailable: None,
    };
    let status = match answer {
        Ok(page) => {
            view.rows = page
                .plans
                .iter()
                .map(|p| PublicRow::from_plan(p, campaign))
                .collect();
            view.next_page = (!page.next_page_token.is_empty()).then(|| {
                next_page_url(
                    &params.jurisdiction,
                    &params.category,
                    &page.next_page_token,
                )
            });
            StatusCode::OK
        }
        Err(()) => {
            view.unavailable = Some(UNAVAILABLE);
            StatusCode::SERVICE_UNAVAILABLE
        }
    };
    page_with_status(status, &view)
}

/// The address of the page after this one, keeping the filters.
fn next_page_url(jurisdiction: &str, category: &str, token: &str) -> String {
    let query = serde_urlencoded::to_string([
        ("jurisdiction", jurisdiction),
        ("category", category),
        ("page", token),
    ])
    .unwrap_or_default();
    format!("/public?{query}")
}
