//! The API conventions every rectify service inherits from the shared crates
//! (docs/errors.md, AIP-155, AIP-193), as checks a service's tests run with
//! its own requests: the shape of an error, the `authorization` metadata, and
//! `request_id`. A call under test is a closure returning the tonic result, so
//! any service and any method fit; "what is stored" is a probe the service
//! writes (e.g. its resources and their etags) and the checks compare.

use std::fmt::Debug;

use rectify_kit::Reason;
use rectify_kit::auth::AuthError;
use rectify_kit::context::MAX_REQUEST_ID_LEN;
use rectify_kit::error::{ERROR_DOMAIN, LOCALE};
use tonic::metadata::MetadataValue;
use tonic::{Code, Request, Response, Status};
use tonic_types::StatusExt;

/// What a gRPC call answers.
pub type Reply<T> = Result<Response<T>, Status>;

/// Every `ErrorInfo.reason` documented in docs/errors.md.
pub fn documented_reasons() -> Vec<&'static str> {
    Reason::ALL
        .map(Reason::as_str)
        .into_iter()
        .chain(AuthError::ALL.map(AuthError::reason))
        .collect()
}

/// Whether `c` is a Chinese, Japanese or Korean character or punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}')
}

/// Whether `text` contains a CJK character.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

/// Whether `text` has a CJK character outside double quotes: English text may
/// quote what the caller sent (`unknown jurisdiction "悦来镇"`), nothing more.
pub fn has_cjk_outside_quotes(text: &str) -> bool {
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            c if !quoted && is_cjk(c) => return true,
            _ => {}
        }
    }
    false
}

/// The status `reply` refused with (`case`: what was refused), asserted to carry `code`.
pub fn refused<T: Debug>(reply: Reply<T>, code: Code, case: &str) -> Status {
    let status = reply.expect_err(case);
    assert_eq!(status.code(), code, "{case}: {status:?}");
    status
}

/// Asserts the shape every rectify error has: `code`; an English status
/// message; a zh-CN `LocalizedMessage` in Chinese; an `ErrorInfo` in the
/// rectify domain with `reason`, which must be documented; for
/// INVALID_ARGUMENT, `metadata.field`, and (reason INVALID_ARGUMENT) a
/// `BadRequest` whose first violation is that field and whose every violation
/// has an English description and a Chinese localized message.
pub fn assert_error_shape(status: &Status, code: Code, reason: &str, case: &str) {
    assert_eq!(status.code(), code, "{case}: code ({status:?})");
    let message = status.message();
    assert!(
        !message.trim().is_empty() && !has_cjk_outside_quotes(message),
        "{case}: the status message should be English: {message:?}"
    );
    let details = status.get_error_details();
    let localized = details
        .localized_message()
        .unwrap_or_else(|| panic!("{case}: no LocalizedMessage ({message})"));
    assert_eq!(
        localized.locale, LOCALE,
        "{case}: locale of the localized message"
    );
    assert!(
        has_cjk(&localized.message),
        "{case}: the localized message should be Chinese: {:?}",
        localized.message
    );
    let info = details
        .error_info()
        .unwrap_or_else(|| panic!("{case}: no ErrorInfo ({message})"));
    assert_eq!(info.domain, ERROR_DOMAIN, "{case}: ErrorInfo domain");
    assert_eq!(info.reason, reason, "{case}: ErrorInfo reason ({message})");
    assert!(
        documented_reasons().contains(&info.reason.as_str()),
        "{case}: reason {} is not documented in docs/errors.md",
        info.reason
    );
    if code != Code::InvalidArgument {
        return;
    }
    let field = info
        .metadata
        .get("field")
        .unwrap_or_else(|| panic!("{case}: INVALID_ARGUMENT without metadata.field ({message})"));
    if reason != Reason::InvalidArgument.as_str() {
        return;
    }
    let bad = details
        .bad_request()
        .unwrap_or_else(|| panic!("{case}: INVALID_ARGUMENT without BadRequest ({message})"));
    assert_eq!(
        bad.field_violations.first().map(|v| &v.field),
        Some(field),
        "{case}: metadata.field names the first field violation"
    );
    for violation in &bad.field_violations {
        let label = format!("{case}: violation of {}", violation.field);
        assert!(
            !violation.description.trim().is_empty()
                && !has_cjk_outside_quotes(&violation.description),
            "{label}: the description should be English: {:?}",
            violation.description
        );
        let localized = violation
            .localized_message
            .as_ref()
            .unwrap_or_else(|| panic!("{label}: no localized message"));
        assert!(
            localized.locale == LOCALE && has_cjk(&localized.message),
            "{label}: the localized message should be zh-CN Chinese: {localized:?}"
        );
    }
}

/// The fields of the status's `BadRequest` violations, in order.
pub fn violated_fields(status: &Status) -> Vec<String> {
    status
        .get_error_details()
        .bad_request()
        .map(|b| b.field_violations.iter().map(|v| v.field.clone()).collect())
        .unwrap_or_default()
}

/// The English description of the violation of `field`, if there is one.
pub fn violation_description(status: &Status, field: &str) -> Option<String> {
    status.get_error_details().bad_request().and_then(|b| {
        b.field_violations
            .iter()
            .find(|v| v.field == field)
            .map(|v| v.description.clone())
    })
}

/// Asserts an INVALID_ARGUMENT of the documented shape with a violation of `field`.
pub fn assert_invalid_field(status: &Status, field: &str, case: &str) {
    assert_error_shape(
        status,
        Code::InvalidArgument,
        Reason::InvalidArgument.as_str(),
        case,
    );
    assert!(
        violated_fields(status).iter().any(|f| f == field),
        "{case}: expected a violation of {field}, got {:?} ({})",
        violated_fields(status),
        status.message()
    );
}

/// `message` with the `authorization` metadata set to `authorization` (none when `None`).
pub fn with_authorization<T>(message: T, authorization: Option<&str>) -> Request<T> {
    let mut request = Request::new(message);
    if let Some(value) = authorization {
        let value = MetadataValue::try_from(value).expect("authorization is ASCII");
        request.metadata_mut().insert("authorization", value);
    }
    request
}

/// Runs `call` (given the `authorization` metadata value to send, `None` for
/// none) with the usual mistakes and checks each answer: no metadata is
/// TOKEN_MISSING and says what to send; the token without `Bearer `, or
/// another scheme, is AUTHORIZATION_MALFORMED and says the value must be
/// `Bearer <token>`; `Bearer <token>` (any case of the scheme) gets past the
/// door. `token` is a valid token for the service.
pub async fn check_authorization<T, F, Fut>(method: &str, token: &str, call: F)
where
    T: Debug,
    F: Fn(Option<String>) -> Fut,
    Fut: Future<Output = Reply<T>>,
{
    let refused = [
        (
            None,
            "TOKEN_MISSING",
            "authorization: Bearer <token>",
            "no authorization",
        ),
        (
            Some(token.to_owned()),
            "AUTHORIZATION_MALFORMED",
            "must be `Bearer <token>`",
            "the token without `Bearer `",
        ),
        (
            Some(format!("Basic {token}")),
            "AUTHORIZATION_MALFORMED",
            "must be `Bearer <token>`",
            "another scheme",
        ),
    ];
    for (authorization, reason, advice, why) in refused {
        let case = format!("{method}, {why}");
        let status = call(authorization)
            .await
            .expect_err(&format!("{case}: should be refused"));
        assert_error_shape(&status, Code::Unauthenticated, reason, &case);
        assert!(
            status.message().contains(advice),
            "{case}: the message should say {advice:?}: {}",
            status.message()
        );
    }
    for scheme in ["Bearer", "bearer"] {
        let case = format!("{method}, `{scheme} <token>`");
        if let Err(status) = call(Some(format!("{scheme} {token}"))).await {
            assert_ne!(
                status.code(),
                Code::Unauthenticated,
                "{case}: a well-formed valid token should get past the door: {status:?}"
            );
        }
    }
}

/// Runs `call` (given the request_id to send) with request_ids a service
/// must refuse — longer than 128 characters, with a space, not ASCII — and
/// checks each is INVALID_ARGUMENT on `request_id` with nothing changed in
/// `stored`; then checks that exactly 128 printable ASCII characters are
/// accepted.
pub async fn check_request_id_limits<T, F, Fut, P, PFut, C>(method: &str, call: F, stored: P)
where
    T: Debug,
    F: Fn(String) -> Fut,
    Fut: Future<Output = Reply<T>>,
    P: Fn() -> PFut,
    PFut: Future<Output = C>,
    C: PartialEq + Debug,
{
    let before = stored().await;
    let refused = [
        ("x".repeat(MAX_REQUEST_ID_LEN + 1), "129 characters"),
        ("two words".to_owned(), "a space inside"),
        ("请求-1".to_owned(), "not ASCII"),
    ];
    for (request_id, why) in refused {
        let case = format!("{method}, request_id with {why}");
        let status = call(request_id)
            .await
            .expect_err(&format!("{case}: should be refused"));
        assert_invalid_field(&status, "request_id", &case);
        assert!(
            status.message().contains("128 printable ASCII"),
            "{case}: the message should state the limit: {}",
            status.message()
        );
        assert_eq!(stored().await, before, "{case}: nothing should be stored");
    }
    let longest = "y".repeat(MAX_REQUEST_ID_LEN);
    call(longest).await.unwrap_or_else(|status| {
        panic!("{method}: a 128-character request_id is accepted: {status:?}")
    });
}

/// Checks AIP-155 on a mutating method: `first` (given a request_id) is
/// answered, its retry with the same id gets the same answer and changes
/// nothing in `stored`; `different` with the same id — another request to
/// the same method, or a call of another method — is INVALID_ARGUMENT with
/// reason REQUEST_ID_REUSED on `request_id`, and nothing changes.
pub async fn check_request_id_reuse<T, U, F, FFut, G, GFut, P, PFut, C>(
    method: &str,
    first: F,
    different: G,
    stored: P,
) where
    T: PartialEq + Debug,
    U: Debug,
    F: Fn(String) -> FFut,
    FFut: Future<Output = Reply<T>>,
    G: Fn(String) -> GFut,
    GFut: Future<Output = Reply<U>>,
    P: Fn() -> PFut,
    PFut: Future<Output = C>,
    C: PartialEq + Debug,
{
    let request_id = format!("conventions-{}", uuid::Uuid::now_v7().simple());
    let answer = first(request_id.clone())
        .await
        .unwrap_or_else(|status| panic!("{method}: the first request is answered: {status:?}"))
        .into_inner();
    let after_first = stored().await;
    let retried = first(request_id.clone())
        .await
        .unwrap_or_else(|status| panic!("{method}: the retry is answered: {status:?}"))
        .into_inner();
    assert_eq!(retried, answer, "{method}: the retry gets the first answer");
    assert_eq!(
        stored().await,
        after_first,
        "{method}: the retry changes nothing"
    );

    let case = format!("{method}, request_id reused for another request");
    let status = different(request_id)
        .await
        .expect_err(&format!("{case}: should be refused"));
    assert_error_shape(
        &status,
        Code::InvalidArgument,
        Reason::RequestIdReused.as_str(),
        &case,
    );
    let details = status.get_error_details();
    assert_eq!(
        details
            .error_info()
            .and_then(|i| i.metadata.get("field"))
            .map(String::as_str),
        Some("request_id"),
        "{case}: metadata.field names request_id"
    );
    assert!(
        status.message().contains("send a new request_id"),
        "{case}: the message should say to send a new request_id: {}",
        status.message()
    );
    assert_eq!(stored().await, after_first, "{case}: nothing should change");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_may_be_chinese_but_the_rest_is_english() {
        let cases = [
            ("unknown jurisdiction \"悦来镇\"; use yuelai", false),
            ("企业 not found: enterprises/1", true),
            ("enterprise not found", false),
            ("use RejectEnterprise for not 散乱污", true),
        ];
        for (text, expected) in cases {
            assert_eq!(has_cjk_outside_quotes(text), expected, "{text}");
        }
    }

    #[test]
    fn every_kit_error_has_the_documented_shape() {
        let invalid: Status = rectify_kit::Error::invalid("request_id", "太长 (too long)").into();
        assert_invalid_field(&invalid, "request_id", "invalid");
        let missing: Status = rectify_kit::Error::from(AuthError::MissingToken).into();
        assert_error_shape(
            &missing,
            Code::Unauthenticated,
            "TOKEN_MISSING",
            "missing token",
        );
        let stale: Status = rectify_kit::Error::stale_etag("enterprises/1").into();
        assert_error_shape(&stale, Code::Aborted, "ETAG_MISMATCH", "stale etag");
    }
}
