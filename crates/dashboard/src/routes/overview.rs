//! `GET /`: the overview (总览) for a logged-in user, from the coordinator's summaries.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use crate::layout::Layout;
use crate::render::page_with_status;
use crate::session::Session;
use crate::state::AppState;
use crate::unreachable::{coordinator, explain};
use crate::views::overview::{OverviewPage, load};

pub async fn show(State(state): State<AppState>, session: Session) -> Response {
    let mut view = OverviewPage {
        layout: Layout::signed_in("总览", "/", &session),
        data: None,
        unavailable: None,
    };
    let read = match coordinator(&state) {
        Ok(client) => load(client, &state.config.campaign)
            .await
            .map_err(|status| explain("overview", &status)),
        Err(why) => Err(why),
    };
    let status = match read {
        Ok(data) => {
            view.data = Some(data);
            StatusCode::OK
        }
        Err(why) => {
            view.unavailable = Some(why.message);
            why.status
        }
    };
    page_with_status(status, &view)
}
