//! A file the browser saves: its type, a Chinese file name (RFC 6266 / RFC 5987
//! `filename*=UTF-8''…` with an ASCII fallback) and no caching.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The XLSX media type.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The CSV media type, UTF-8.
pub const CSV: &str = "text/csv; charset=utf-8";

/// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded-name`.
pub fn content_disposition(name: &str, ascii_fallback: &str) -> String {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{ascii_fallback}\"; filename*=UTF-8''{encoded}")
}

/// `bytes` as a download of `content_type` named `name` (`ascii_fallback` for old clients).
pub fn file(
    bytes: Vec<u8>,
    content_type: &'static str,
    name: &str,
    ascii_fallback: &str,
) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&content_disposition(name, ascii_fallback)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn a_chinese_name_is_percent_encoded_beside_an_ascii_fallback() {
        assert_eq!(
            content_disposition("台账.xlsx", "ledger.xlsx"),
            "attachment; filename=\"ledger.xlsx\"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.xlsx"
        );
    }
}
