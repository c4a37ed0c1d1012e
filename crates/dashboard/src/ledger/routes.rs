//! `GET /ledger.xlsx` and `GET /ledger.csv`: the ledger for a logged-in user (office or
//! government), filtered like the enterprise list (`?jurisdiction=yuelai&category=close`).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::rows::{LedgerFilter, LedgerRow, ledger};
use super::{download, xlsx};
use crate::render::{internal_error, message_page};
use crate::session::Session;
use crate::state::AppState;
use crate::views::public::CATEGORIES;

/// `?jurisdiction=…&category=…`, both optional.
#[derive(Debug, Default, Deserialize)]
pub struct LedgerParams {
    #[serde(default)]
    jurisdiction: String,
    #[serde(default)]
    category: String,
}

/// The filter `params` name, or the page saying which is unknown.
fn filter(state: &AppState, params: &LedgerParams) -> Result<LedgerFilter, Box<Response>> {
    let known_jurisdiction = params.jurisdiction.is_empty()
        || state
            .config
            .campaign
            .jurisdictions()
            .any(|j| j.code == params.jurisdiction);
    let category = CATEGORIES
        .iter()
        .find(|(_, value, _)| *value == params.category);
    if !known_jurisdiction || (category.is_none() && !params.category.is_empty()) {
        return Err(Box::new(message_page(
            StatusCode::BAD_REQUEST,
            "筛选条件无效",
            "所选属地或整治类别不存在 (no such jurisdiction or category)",
        )));
    }
    Ok(LedgerFilter {
        jurisdiction: params.jurisdiction.clone(),
        category: category.map(|(c, _, _)| *c).unwrap_or_default(),
    })
}

/// The rows, or the page saying why there are none.
async fn rows(state: &AppState, params: &LedgerParams) -> Result<Vec<LedgerRow>, Response> {
    let filter = filter(state, params).map_err(|page| *page)?;
    let Some(registry) = &state.office_registry else {
        return Err(message_page(
            StatusCode::SERVICE_UNAVAILABLE,
            "台账暂不可用",
            "未配置台账服务地址或网页端令牌，无法导出台账 (the registry or the dashboard's token is not configured)",
        ));
    };
    ledger(registry, state.coordinator.as_ref(), &state.config.campaign, &filter).await.map_err(|status| {
        tracing::warn!(%status, "ledger export: a service call failed");
        message_page(
            StatusCode::BAD_GATEWAY,
            "台账暂不可用",
            "台账服务或协调服务暂不可用，请稍后重试 (the registry or the coordinator cannot be reached; retry later)",
        )
    })
}

/// The file's name for today: `散乱污企业台账-20211122.xlsx`, and its ASCII fallback.
fn names(state: &AppState, extension: &str) -> (String, String) {
    let today = rectify_kit::clock::date_cst(state.config.clock.now()).format("%Y%m%d");
    (
        format!("散乱污企业台账-{today}.{extension}"),
        format!("ledger-{today}.{extension}"),
    )
}

/// `GET /ledger.xlsx`.
pub async fn xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<LedgerParams>,
) -> Response {
    let rows = match rows(&state, &params).await {
        Ok(rows) => rows,
        Err(page) => return page,
    };
    let title = format!(
        "{}台账（{}导出）",
        state.config.campaign.title(),
        rectify_kit::clock::date_cst(state.config.clock.now())
    );
    tracing::info!(
        login = session.user.login,
        rows = rows.len(),
        "ledger exported as xlsx"
    );
    match xlsx::workbook(&title, &rows) {
        Ok(bytes) => {
            let (name, ascii) = names(&state, "xlsx");
            download::file(bytes, download::XLSX, &name, &ascii)
        }
        Err(error) => internal_error(&error.into()),
    }
}

/// `GET /ledger.csv`.
pub async fn csv(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<LedgerParams>,
) -> Response {
    let rows = match rows(&state, &params).await {
        Ok(rows) => rows,
        Err(page) => return page,
    };
    tracing::info!(
        login = session.user.login,
        rows = rows.len(),
        "ledger exported as csv"
    );
    match super::csv::document(&rows) {
        Ok(bytes) => {
            let (name, ascii) = names(&state, "csv");
            download::file(bytes, download::CSV, &name, &ascii)
        }
        Err(error) => internal_error(&error.into()),
    }
}
