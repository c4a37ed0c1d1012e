//! Sessions: made at login (a random 256-bit id in an `HttpOnly; SameSite=Strict` cookie, only
//! its SHA-256 stored), found again on each request, ended after the idle timeout or at logout.
//!
//! Handlers take [`Session`] (logged in, password in order) or [`PendingSession`] (logged in,
//! perhaps still owing a password change); a request without a valid session is sent to the
//! login page with the reason.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::cookie;
use crate::render::internal_error;
use crate::secret;
use crate::state::AppState;
use crate::store::{Store, User};

/// A logged-in browser.
#[derive(Clone, Debug)]
pub struct Session {
    /// SHA-256 of the cookie's id: how the session is stored.
    pub id_hash: String,
    pub user: User,
    /// The synchronizer token every POST form of this session must carry.
    pub csrf_token: String,
}

/// A logged-in browser that may still have to change an administrator-set password: only the
/// password page and logout take it.
#[derive(Clone, Debug)]
pub struct PendingSession(pub Session);

/// Why a request has no usable session; each is a notice on the login page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoSession {
    /// No cookie.
    Missing,
    /// A cookie that names no session (forged, or ended by logout or a password change).
    Unknown,
    /// Idle longer than the timeout.
    Expired,
}

impl NoSession {
    /// The `notice` the login page is sent.
    pub fn notice(self) -> &'static str {
        match self {
            NoSession::Missing => "login",
            NoSession::Unknown => "invalid",
            NoSession::Expired => "expired",
        }
    }
}

/// Starts a session for `user`: stores it and returns the cookie's id.
pub async fn start(
    store: &Store,
    user: &User,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<String> {
    let id = secret::random_hex()?;
    let csrf = secret::random_hex()?;
    store
        .create_session(&secret::sha256_hex(&id), user.id, &csrf, now)
        .await?;
    Ok(id)
}

/// The session the request's cookie names, if it is valid now; a valid one is marked used, an
/// idle one is ended.
pub async fn find(
    state: &AppState,
    headers: &HeaderMap,
) -> anyhow::Result<Result<Session, NoSession>> {
    let Some(id) = cookie::read(headers, cookie::SESSION).filter(|id| !id.is_empty()) else {
        return Ok(Err(NoSession::Missing));
    };
    let id_hash = secret::sha256_hex(id);
    let Some(record) = state.store.session(&id_hash).await? else {
        return Ok(Err(NoSession::Unknown));
    };
    let now = state.config.clock.now();
    if now - record.last_seen > state.config.idle_timeout {
        state.store.delete_session(&id_hash).await?;
        tracing::info!(login = record.user.login, "dashboard session expired");
        return Ok(Err(NoSession::Expired));
    }
    state.store.touch_session(&id_hash, now).await?;
    Ok(Ok(Session {
        id_hash,
        user: record.user,
        csrf_token: record.csrf_token,
    }))
}

/// To the login page with the reason, forgetting the cookie.
fn to_login(state: &AppState, why: NoSession) -> Response {
    let mut response = Redirect::to(&format!("/login?notice={}", why.notice())).into_response();
    if why != NoSession::Missing {
        response.headers_mut().insert(
            header::SET_COOKIE,
            cookie::clear(cookie::SESSION, state.config.secure_cookies),
        );
    }
    response
}

impl FromRequestParts<AppState> for PendingSession {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match find(state, &parts.headers).await {
            Ok(Ok(session)) => Ok(PendingSession(session)),
            Ok(Err(why)) => Err(to_login(state, why)),
            Err(error) => Err(internal_error(&error)),
        }
    }
}

impl FromRequestParts<AppState> for Session {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let PendingSession(session) = PendingSession::from_request_parts(parts, state).await?;
        if session.user.must_change_password {
            return Err(Redirect::to("/password").into_response());
        }
        Ok(session)
    }
}
