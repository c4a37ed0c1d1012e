//! The login page.

use askama::Template;

use crate::layout::Layout;

/// `/login`.
#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub layout: Layout,
    /// The login name typed before, kept after a refusal.
    pub login: String,
    /// Why the last attempt was refused.
    pub error: Option<String>,
    /// Why the visitor is here (timed out, logged out, …).
    pub notice: Option<&'static str>,
    /// The login form's CSRF token (also in its cookie).
    pub csrf_token: String,
}

/// The notice for `?notice=…`; unknown codes say nothing.
pub fn notice(code: &str) -> Option<&'static str> {
    match code {
        "login" => Some("请先登录 (please log in first)"),
        "invalid" => {
            Some("登录状态无效，请重新登录 (the session is not valid; please log in again)")
        }
        "expired" => Some(
            "长时间未操作，登录已超时，请重新登录 (you were idle too long and have been logged out; please log in again)",
        ),
        "loggedout" => Some("已安全退出 (you have logged out)"),
        _ => None,
    }
}
