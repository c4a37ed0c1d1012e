//! `GET /enterprises/{id}`: one enterprise with its items and cross-bureau timeline;
//! `POST /enterprises/{id}/sign-off`: the office signs it off (销号) through the coordinator's
//! `SignOffEnterprise`. Only office users may; the dashboard refuses anyone else before asking
//! the coordinator, and the coordinator refuses an enterprise that is not complete.

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::csrf;
use crate::layout::Layout;
use crate::render::{internal_error, message_page, page_with_status};
use crate::session::Session;
use crate::state::AppState;
use crate::store::Role;
use crate::unreachable::{coordinator, explain};
use crate::views::enterprise::{EnterprisePage, EnterpriseView, ItemRow, TimelineRow};

/// `?signed=1` after a sign-off.
#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    #[serde(default)]
    signed: String,
}

/// The sign-off form.
#[derive(Debug, Default, Deserialize)]
pub struct SignOffForm {
    csrf_token: Option<String>,
    #[serde(default)]
    note: String,
}

/// Most characters of a sign-off note (the coordinator takes 500).
const MAX_NOTE: usize = 500;

/// An enterprise id as the registry makes them: letters, digits, `-` and `_`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(params): Query<ShowParams>,
) -> Response {
    let notice = (params.signed == "1").then(|| "已销号 (signed off)".to_owned());
    render(&state, &session, &id, notice, None, StatusCode::OK).await
}

/// The page of enterprise `id`, with a notice or an error above it.
async fn render(
    state: &AppState,
    session: &Session,
    id: &str,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let campaign = &state.config.campaign;
    let mut view = EnterprisePage {
        layout: Layout::signed_in("企业详情", "/enterprises", session),
        enterprise: None,
        items: Vec::new(),
        timeline: Vec::new(),
        may_sign_off: false,
        notice,
        error,
        unavailable: None,
    };
    if !valid_id(id) {
        view.unavailable = Some("未找到该企业 (no such enterprise)");
        return page_with_status(StatusCode::NOT_FOUND, &view);
    }
    let name = format!("enterprises/{id}");
    let read = match coordinator(state) {
        Ok(client) => tokio::try_join!(client.enterprise(&name), client.timeline(&name))
            .map_err(|status| explain("enterprise", &status)),
        Err(why) => Err(why),
    };
    match read {
        Ok((enterprise, timeline)) => {
            view.items = enterprise
                .items
                .iter()
                .map(|i| ItemRow::of(i, &enterprise.jurisdiction, campaign))
                .collect();
            view.timeline = timeline
                .iter()
                .map(|t| TimelineRow::of(t, campaign))
                .collect();
            view.may_sign_off = session.user.role == Role::Office && enterprise.ready_for_sign_off;
            view.enterprise = Some(EnterpriseView::of(&enterprise, campaign));
            page_with_status(status, &view)
        }
        Err(why) => {
            view.unavailable = Some(why.message);
            page_with_status(why.status, &view)
        }
    }
}

pub async fn sign_off(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    form: Result<Form<SignOffForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf::refused();
    };
    if let Err(refused) = csrf::check(&session.csrf_token, form.csrf_token.as_deref()) {
        return refused.into_response();
    }
    if session.user.role != Role::Office {
        tracing::warn!(
            login = session.user.login,
            id,
            "sign-off refused: not an office user"
        );
        return message_page(
            StatusCode::FORBIDDEN,
            "无权销号",
            "只有领导小组办公室可以为企业销号，操作未执行 \
             (only the leading-group office signs enterprises off; nothing was changed)",
        );
    }
    let note = form.note.trim();
    if !valid_id(&id) || note.chars().count() > MAX_NOTE {
        let error = "销号说明不能超过 500 个字符 (the note is longer than 500 characters)";
        return render(
            &state,
            &session,
            &id,
            None,
            Some(error.to_owned()),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let client = match coordinator(&state) {
        Ok(client) => client,
        Err(why) => return message_page(why.status, "无法销号", why.message),
    };
    let request_id = match crate::secret::random_hex() {
        Ok(id) => id,
        Err(error) => return internal_error(&error),
    };
    let name = format!("enterprises/{id}");
    match client.sign_off(&request_id, &name, note).await {
        Ok(_) => {
            tracing::info!(login = session.user.login, enterprise = name, "signed off");
            Redirect::to(&format!("/enterprises/{id}?signed=1")).into_response()
        }
        Err(status) if status.code() == tonic::Code::FailedPrecondition => {
            tracing::info!(%status, enterprise = name, "sign-off refused by the coordinator");
            let error = "该企业尚未完成全部整治措施，不能销号 \
                         (the enterprise has not completed every measure; it cannot be signed off)";
            render(
                &state,
                &session,
                &id,
                None,
                Some(error.to_owned()),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(status) => {
            let why = explain("sign-off", &status);
            message_page(why.status, "无法销号", why.message)
        }
    }
}
