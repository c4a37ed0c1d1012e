//! `GET /rebounds` (反弹巡查): patrols due, suspected rebounds, reopened enterprises.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use futures::future::try_join_all;
use rectify_proto::coordinator::v1 as pb;

use crate::layout::Layout;
use crate::render::page_with_status;
use crate::session::Session;
use crate::state::AppState;
use crate::unreachable::{coordinator, explain};
use crate::views::rebounds::{ReboundSection, ReboundsPage, SECTIONS};

/// Rows per list.
const PAGE_SIZE: i32 = 200;

pub async fn show(State(state): State<AppState>, session: Session) -> Response {
    let mut view = ReboundsPage {
        layout: Layout::signed_in("反弹巡查", "/rebounds", &session),
        sections: Vec::new(),
        unavailable: None,
    };
    let campaign = &state.config.campaign;
    let today = state.config.clock.today_cst().to_string();
    let read = match coordinator(&state) {
        Ok(client) => try_join_all(SECTIONS.iter().map(|(_, flag, _)| {
            client.rebounds(pb::ListReboundsRequest {
                page_size: PAGE_SIZE,
                flag: *flag as i32,
                ..Default::default()
            })
        }))
        .await
        .map_err(|status| explain("rebounds", &status)),
        Err(why) => Err(why),
    };
    let status = match read {
        Ok(pages) => {
            view.sections = SECTIONS
                .iter()
                .zip(&pages)
                .map(|(section, page)| ReboundSection::new(*section, page, &today, campaign))
                .collect();
            StatusCode::OK
        }
        Err(why) => {
            view.unavailable = Some(why.message);
            why.status
        }
    };
    page_with_status(status, &view)
}
