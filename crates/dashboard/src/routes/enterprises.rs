//! `GET /enterprises`: the enterprise list (企业台账), filtered and paged by GET parameters.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::layout::Layout;
use crate::render::page_with_status;
use crate::session::Session;
use crate::state::AppState;
use crate::unreachable::{coordinator, explain};
use crate::views::enterprises::{EnterpriseRow, EnterprisesPage, ListParams};

pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<ListParams>,
) -> Response {
    let campaign = &state.config.campaign;
    let mut view = EnterprisesPage::new(
        Layout::signed_in("企业台账", "/enterprises", &session),
        &params,
        campaign,
    );
    let Some(request) = params.request(campaign) else {
        view.unavailable = Some(
            "筛选条件无效：所选属地、类别、状态或标记不存在，或关键字超过 100 个字符 \
             (a filter names nothing known, or the search is longer than 100 characters)",
        );
        return page_with_status(StatusCode::BAD_REQUEST, &view);
    };
    let answer = match coordinator(&state) {
        Ok(client) => client
            .enterprises(request)
            .await
            .map_err(|status| explain("enterprise list", &status)),
        Err(why) => Err(why),
    };
    let status = match answer {
        Ok(page) => {
            view.rows = page
                .enterprises
                .iter()
                .map(|e| EnterpriseRow::of(e, campaign))
                .collect();
            view.next_page = (!page.next_page_token.is_empty())
                .then(|| params.url_with_page(&page.next_page_token));
            StatusCode::OK
        }
        Err(why) => {
            view.unavailable = Some(why.message);
            why.status
        }
    };
    page_with_status(status, &view)
}
