//! Turning a page's template into a response: HTML, never cached (pages show who is logged in
//! and non-public data), and the Chinese pages for refusals and failures.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::layout::Layout;

/// A page that only says something: a refusal, a missing page, a failure.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
}

/// `template` rendered as a 200 page.
pub fn page<T: Template>(template: &T) -> Response {
    page_with_status(StatusCode::OK, template)
}

/// `template` rendered with `status`.
pub fn page_with_status<T: Template>(status: StatusCode, template: &T) -> Response {
    match template.render() {
        Ok(html) => {
            let mut response = (status, Html(html)).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => internal_error(&anyhow::Error::new(error)),
    }
}

/// A page with `heading` and `message` and `status`.
pub fn message_page(status: StatusCode, heading: &str, message: &str) -> Response {
    let page = MessagePage {
        layout: Layout::public(heading, ""),
        heading: heading.to_owned(),
        message: message.to_owned(),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, message.to_owned()).into_response(),
    }
}

/// Logs `error` with its causes and answers with a page that says nothing about them.
pub fn internal_error(error: &anyhow::Error) -> Response {
    tracing::error!(error = format!("{error:#}"), "dashboard request failed");
    message_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "系统错误",
        "系统内部错误，请稍后重试 (internal error, please retry later)",
    )
}

/// The page of an address that does not exist.
pub async fn not_found() -> Response {
    message_page(
        StatusCode::NOT_FOUND,
        "页面不存在",
        "您访问的页面不存在 (no such page)",
    )
}
