//! `GET /`: the overview (总览) for a logged-in user.

use axum::extract::State;
use axum::response::Response;

use crate::layout::Layout;
use crate::render::page;
use crate::session::Session;
use crate::state::AppState;
use crate::views::overview::{OverviewPage, charts};

pub async fn show(State(state): State<AppState>, session: Session) -> Response {
    let mut view = OverviewPage {
        layout: Layout::signed_in("总览", "/", &session),
        published: 0,
        charts: Vec::new(),
        unavailable: None,
    };
    let plans = match &state.registry {
        Some(registry) => registry.all().await.map_err(|status| {
            tracing::warn!(%status, "overview: registry call failed");
        }),
        None => Err(()),
    };
    match plans {
        Ok(plans) => {
            view.published = plans.len();
            view.charts = charts(&plans, &state.config.campaign);
        }
        Err(()) => {
            view.unavailable = Some(
                "台账服务暂不可用，统计图暂无法显示 (the registry cannot be reached; no charts for now)",
            );
        }
    }
    page(&view)
}
