//! `GET /supervision` (督导) and `GET /supervision/report`, the printable A4 report.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::layout::Layout;
use crate::render::page_with_status;
use crate::session::Session;
use crate::state::AppState;
use crate::unreachable::{Unreachable, coordinator, explain};
use crate::views::supervision::{SupervisionData, SupervisionPage, SupervisionReport};

/// Reads supervision and every overdue item.
async fn load(state: &AppState) -> Result<SupervisionData, Unreachable> {
    let client = coordinator(state)?;
    let (supervision, overdue) = tokio::try_join!(client.supervision(), client.all_overdue_items())
        .map_err(|status| explain("supervision", &status))?;
    Ok(SupervisionData::new(
        &supervision,
        &overdue,
        &state.config.campaign,
    ))
}

pub async fn show(State(state): State<AppState>, session: Session) -> Response {
    let read = load(&state).await;
    let status = read
        .as_ref()
        .map_or_else(|why| why.status, |_| StatusCode::OK);
    let view = SupervisionPage {
        layout: Layout::signed_in("督导", "/supervision", &session),
        unavailable: read.as_ref().err().map(|why| why.message),
        data: read.ok(),
    };
    page_with_status(status, &view)
}

pub async fn report(State(state): State<AppState>, session: Session) -> Response {
    let read = load(&state).await;
    let status = read
        .as_ref()
        .map_or_else(|why| why.status, |_| StatusCode::OK);
    let campaign = &state.config.campaign;
    let view = SupervisionReport {
        layout: Layout::signed_in("督导通报", "/supervision", &session),
        unavailable: read.as_ref().err().map(|why| why.message),
        data: read.ok(),
        campaign_title: campaign.title().to_owned(),
        document_number: campaign.document_number().to_owned(),
        date: state
            .config
            .clock
            .today_cst()
            .format("%Y年%m月%d日")
            .to_string(),
    };
    page_with_status(status, &view)
}
