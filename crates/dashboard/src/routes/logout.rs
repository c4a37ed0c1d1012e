//! `POST /logout`: ends the session (with its CSRF token, so no other site can log a user out),
//! records it, and forgets the cookie.

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::client_address::ClientAddress;
use crate::render::internal_error;
use crate::session::PendingSession;
use crate::state::AppState;
use crate::store::{AuditEntry, LoginOutcome};
use crate::{cookie, csrf};

/// The logout form: only its token.
#[derive(Debug, Default, Deserialize)]
pub struct LogoutForm {
    csrf_token: Option<String>,
}

pub async fn submit(
    State(state): State<AppState>,
    PendingSession(session): PendingSession,
    ClientAddress(address): ClientAddress,
    form: Result<Form<LogoutForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return csrf::refused();
    };
    if let Err(refused) = csrf::check(&session.csrf_token, form.csrf_token.as_deref()) {
        return refused.into_response();
    }
    let ended = async {
        state.store.delete_session(&session.id_hash).await?;
        state
            .store
            .audit(&AuditEntry {
                login: session.user.login.clone(),
                at: state.config.clock.now(),
                address,
                outcome: LoginOutcome::Logout,
            })
            .await
    };
    if let Err(error) = ended.await {
        return internal_error(&error.into());
    }
    let mut response = Redirect::to("/login?notice=loggedout").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie::clear(cookie::SESSION, state.config.secure_cookies),
    );
    response
}
