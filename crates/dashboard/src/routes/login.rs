//! `GET /login` shows the form; `POST /login` checks it (CSRF first), starts a session on
//! success, and otherwise shows why not, in Chinese.

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::authenticate::authenticate;
use crate::client_address::ClientAddress;
use crate::layout::Layout;
use crate::render::{internal_error, page_with_status};
use crate::state::AppState;
use crate::views::login::{LoginPage, notice};
use crate::{cookie, csrf, secret, session};

/// `?notice=…`.
#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    notice: String,
}

/// The login form.
#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    csrf_token: Option<String>,
}

/// The login form's token: the one in the browser's cookie, or a new one.
fn login_token(headers: &HeaderMap) -> anyhow::Result<(String, bool)> {
    match cookie::read(headers, cookie::LOGIN_CSRF) {
        Some(token) if token.len() == 2 * secret::SECRET_BYTES => Ok((token.to_owned(), false)),
        _ => Ok((secret::random_hex()?, true)),
    }
}

fn login_page(
    state: &AppState,
    status: StatusCode,
    headers: &HeaderMap,
    login: String,
    error: Option<String>,
    notice: Option<&'static str>,
) -> Response {
    let (csrf_token, new) = match login_token(headers) {
        Ok(token) => token,
        Err(error) => return internal_error(&error),
    };
    let mut response = page_with_status(
        status,
        &LoginPage {
            layout: Layout::public("登录", ""),
            login,
            error,
            notice,
            csrf_token: csrf_token.clone(),
        },
    );
    if new {
        response.headers_mut().insert(
            header::SET_COOKIE,
            cookie::set(cookie::LOGIN_CSRF, &csrf_token, state.config.secure_cookies),
        );
    }
    response
}

/// `GET /login`: the form; a visitor already logged in goes to the overview.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> Response {
    if let Ok(Ok(_)) = session::find(&state, &headers).await {
        return Redirect::to("/").into_response();
    }
    login_page(
        &state,
        StatusCode::OK,
        &headers,
        String::new(),
        None,
        notice(&query.notice),
    )
}

/// `POST /login`.
pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf::refused();
    };
    let expected = cookie::read(&headers, cookie::LOGIN_CSRF).unwrap_or_default();
    if let Err(refused) = csrf::check(expected, form.csrf_token.as_deref()) {
        return refused.into_response();
    }
    let login = form.login.trim().to_owned();
    if login.is_empty() || form.password.is_empty() {
        let error = "请输入登录名和密码 (enter your login name and password)".to_owned();
        return login_page(
            &state,
            StatusCode::BAD_REQUEST,
            &headers,
            login,
            Some(error),
            None,
        );
    }
    let now = state.config.clock.now();
    let user = match authenticate(&state.store, &login, &form.password, &address, now).await {
        Ok(Ok(user)) => user,
        Ok(Err(refusal)) => {
            let status = StatusCode::UNAUTHORIZED;
            return login_page(
                &state,
                status,
                &headers,
                login,
                Some(refusal.message()),
                None,
            );
        }
        Err(error) => return internal_error(&error),
    };
    let id = match session::start(&state.store, &user, now).await {
        Ok(id) => id,
        Err(error) => return internal_error(&error),
    };
    let next = if user.must_change_password {
        "/password"
    } else {
        "/"
    };
    let mut response = Redirect::to(next).into_response();
    let secure = state.config.secure_cookies;
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        cookie::set(cookie::SESSION, &id, secure),
    );
    headers.append(
        header::SET_COOKIE,
        cookie::clear(cookie::LOGIN_CSRF, secure),
    );
    response
}
