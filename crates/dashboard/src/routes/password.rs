//! `GET /password` and `POST /password`: a user changes their own password (forced after an
//! administrator set it). The new password must meet the policy; on success every other
//! session of the user ends and this browser gets a fresh one.

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::client_address::ClientAddress;
use crate::layout::Layout;
use crate::render::{internal_error, page_with_status};
use crate::session::{PendingSession, Session};
use crate::state::AppState;
use crate::store::{AuditEntry, LoginOutcome};
use crate::views::password::PasswordPage;
use crate::{cookie, csrf, password, session};

/// The password form.
#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat: String,
    csrf_token: Option<String>,
}

fn password_page(status: StatusCode, session: &Session, errors: Vec<String>) -> Response {
    page_with_status(
        status,
        &PasswordPage {
            layout: Layout::signed_in("修改密码", "", session),
            forced: session.user.must_change_password,
            errors,
            csrf_token: session.csrf_token.clone(),
        },
    )
}

/// `GET /password`.
pub async fn show(PendingSession(session): PendingSession) -> Response {
    password_page(StatusCode::OK, &session, Vec::new())
}

/// What is wrong with `form` for `login`, checked without the stored hash.
fn form_errors(login: &str, form: &PasswordForm) -> Vec<String> {
    let mut errors = Vec::new();
    if form.new_password != form.repeat {
        errors.push("两次输入的新密码不一致 (the two new passwords differ)".to_owned());
    }
    if form.new_password == form.current {
        errors.push(
            "新密码不能与当前密码相同 (the new password must differ from the current one)"
                .to_owned(),
        );
    }
    errors.extend(
        password::check_policy(login, &form.new_password)
            .into_iter()
            .map(|v| v.message().to_owned()),
    );
    errors
}

/// `POST /password`.
pub async fn submit(
    State(state): State<AppState>,
    PendingSession(session): PendingSession,
    ClientAddress(address): ClientAddress,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf::refused();
    };
    if let Err(refused) = csrf::check(&session.csrf_token, form.csrf_token.as_deref()) {
        return refused.into_response();
    }
    let (current, stored) = (form.current.clone(), session.user.password_hash.clone());
    let current_ok =
        match tokio::task::spawn_blocking(move || password::verify(&current, &stored)).await {
            Ok(ok) => ok,
            Err(error) => return internal_error(&error.into()),
        };
    if !current_ok {
        let error = "当前密码不正确 (the current password is wrong)".to_owned();
        return password_page(StatusCode::BAD_REQUEST, &session, vec![error]);
    }
    let errors = form_errors(&session.user.login, &form);
    if !errors.is_empty() {
        return password_page(StatusCode::BAD_REQUEST, &session, errors);
    }
    let now = state.config.clock.now();
    let changed = async {
        let new_password = form.new_password.clone();
        let hash = tokio::task::spawn_blocking(move || password::hash(&new_password)).await??;
        state
            .store
            .set_password(session.user.id, &hash, false, now)
            .await?;
        state
            .store
            .audit(&AuditEntry {
                login: session.user.login.clone(),
                at: now,
                address,
                outcome: LoginOutcome::PasswordChanged,
            })
            .await?;
        let mut user = session.user.clone();
        user.must_change_password = false;
        session::start(&state.store, &user, now).await
    };
    match changed.await {
        Ok(id) => {
            let mut response = Redirect::to("/").into_response();
            response.headers_mut().insert(
                header::SET_COOKIE,
                cookie::set(cookie::SESSION, &id, state.config.secure_cookies),
            );
            response
        }
        Err(error) => internal_error(&error),
    }
}
