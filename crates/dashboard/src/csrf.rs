//! Cross-site request forgery: every POST form carries a synchronizer token, checked here
//! before anything is changed. A session's forms carry the session's token; the login form,
//! before there is a session, carries the token of its own cookie.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::render::message_page;
use crate::secret;

/// The name of the hidden field every POST form has.
pub const FIELD: &str = "csrf_token";

/// A form refused for its token; answered with the 403 page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused;

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        refused()
    }
}

/// Passes when `submitted` is the `expected` token; otherwise [`Refused`], and the handler
/// changes nothing.
pub fn check(expected: &str, submitted: Option<&str>) -> Result<(), Refused> {
    match submitted {
        Some(token) if !expected.is_empty() && secret::same(expected, token) => Ok(()),
        _ => {
            tracing::warn!("form refused: CSRF token missing or wrong");
            Err(Refused)
        }
    }
}

/// The page a forged or stale form gets.
pub fn refused() -> Response {
    message_page(
        StatusCode::FORBIDDEN,
        "请求被拒绝",
        "表单校验失败（缺少或错误的安全令牌），操作未执行。请返回页面刷新后重试。\
         (The form's security token is missing or wrong; nothing was changed. Go back, reload the page and try again.)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_expected_token_passes() {
        let cases = [
            ("abc", Some("abc"), true, "the session's token"),
            ("abc", Some("abd"), false, "another token"),
            ("abc", None, false, "no token"),
            ("abc", Some(""), false, "an empty token"),
            ("", Some(""), false, "no expected token at all"),
        ];
        for (expected, submitted, passes, why) in cases {
            let outcome = check(expected, submitted);
            assert_eq!(outcome.is_ok(), passes, "{why}");
            if let Err(refused) = outcome {
                assert_eq!(
                    refused.into_response().status(),
                    StatusCode::FORBIDDEN,
                    "{why}"
                );
            }
        }
    }
}
