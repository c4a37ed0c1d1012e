//! Reading the request's cookies and writing `Set-Cookie` headers: always `HttpOnly`,
//! `SameSite=Strict` and `Path=/`, and `Secure` when the dashboard is served over TLS.

use axum::http::{HeaderMap, HeaderValue, header};

/// The session cookie: a random 256-bit id.
pub const SESSION: &str = "rectify_session";
/// The login form's CSRF cookie (there is no session yet to hold the token).
pub const LOGIN_CSRF: &str = "rectify_login_csrf";

/// The value of the cookie `name` sent with the request.
pub fn read<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
}

/// A `Set-Cookie` value that sets `name` to `value` for the browser session.
pub fn set(name: &str, value: &str, secure: bool) -> HeaderValue {
    header_value(&format!("{name}={value}{}", attributes(secure)))
}

/// A `Set-Cookie` value that removes `name`.
pub fn clear(name: &str, secure: bool) -> HeaderValue {
    header_value(&format!("{name}=; Max-Age=0{}", attributes(secure)))
}

fn attributes(secure: bool) -> &'static str {
    match secure {
        true => "; HttpOnly; SameSite=Strict; Path=/; Secure",
        false => "; HttpOnly; SameSite=Strict; Path=/",
    }
}

fn header_value(text: &str) -> HeaderValue {
    // Names and values are ASCII hex and fixed names, so this never fails in practice.
    HeaderValue::from_str(text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_named_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; rectify_session=abc ; b=2"),
        );
        assert_eq!(read(&headers, SESSION), Some("abc"), "session");
        assert_eq!(read(&headers, "b"), Some("2"), "another");
        assert_eq!(read(&headers, LOGIN_CSRF), None, "absent");
    }

    #[test]
    fn every_cookie_is_http_only_same_site_strict_and_secure_when_asked() {
        let plain = set(SESSION, "abc", false);
        assert_eq!(
            plain,
            "rectify_session=abc; HttpOnly; SameSite=Strict; Path=/"
        );
        let secure = set(SESSION, "abc", true);
        assert!(
            secure.to_str().expect("ascii").ends_with("; Secure"),
            "{secure:?}"
        );
        let cleared = clear(SESSION, false);
        assert!(
            cleared.to_str().expect("ascii").contains("Max-Age=0"),
            "{cleared:?}"
        );
    }
}
