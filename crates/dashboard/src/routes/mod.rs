//! The dashboard's addresses and the handler of each.

mod enterprise;
mod enterprises;
mod events;
mod login;
mod logout;
mod overview;
mod password;
mod public;
mod rebounds;
mod supervision;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;
use crate::{assets, import, ledger, render, security_headers};

/// Every page, the assets and the event stream, with the security headers on every response.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(overview::show))
        .route("/enterprises", get(enterprises::list))
        .route("/enterprises/{id}", get(enterprise::show))
        .route(
            "/enterprises/{id}/sign-off",
            axum::routing::post(enterprise::sign_off),
        )
        .route("/supervision", get(supervision::show))
        .route("/supervision/report", get(supervision::report))
        .route("/rebounds", get(rebounds::show))
        .route("/login", get(login::show).post(login::submit))
        .route("/logout", axum::routing::post(logout::submit))
        .route("/password", get(password::show).post(password::submit))
        .route("/public", get(public::show))
        .route("/events", get(events::stream))
        .route("/ledger.xlsx", get(ledger::routes::xlsx))
        .route("/ledger.csv", get(ledger::routes::csv))
        .merge(import::routes::router())
        .route("/assets/{name}", get(assets::serve))
        .fallback(render::not_found)
        .layer(axum::middleware::from_fn(security_headers::add))
        .with_state(state)
}
