//! Forged, expired, wrong-audience, unknown-key, `alg: none` and garbage
//! tokens, and no token at all: each UNAUTHENTICATED with its reason.

use base64::Engine as _;
use rectify_kit::auth::Issuer;
use tonic::Code;
use tonic_types::StatusExt as _;

use super::{Subject, office_claims};

pub async fn bad_tokens_are_unauthenticated<S: Subject>(subject: &S) {
    let who = subject.audience();
    let issuer = &subject.keys().issuer;
    let sign = |issuer: &Issuer, audience: &str, lifetime: i64| {
        issuer
            .sign(&office_claims(issuer, audience, lifetime))
            .expect("sign")
    };
    let other_service = if who == "registry" {
        "licensing"
    } else {
        "registry"
    };
    let forger = Issuer::from_private_pem(
        &Issuer::generate("rectify").expect("key").private_pem(),
        issuer.kid(),
        "rectify",
    )
    .expect("forger with the same kid");
    let stranger = Issuer::generate("rectify").expect("key");
    let alg_none = {
        let body = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(serde_json::to_vec(&office_claims(issuer, who, 3600)).expect("json"));
        format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{body}.")
    };
    let cases = [
        ("expired", Some(sign(issuer, who, -3600)), "TOKEN_EXPIRED"),
        (
            "for another service",
            Some(sign(issuer, other_service, 3600)),
            "TOKEN_WRONG_AUDIENCE",
        ),
        (
            "forged signature with the right kid",
            Some(sign(&forger, who, 3600)),
            "TOKEN_SIGNATURE_INVALID",
        ),
        (
            "unknown kid",
            Some(sign(&stranger, who, 3600)),
            "TOKEN_KEY_UNKNOWN",
        ),
        ("alg none", Some(alg_none), "TOKEN_ALGORITHM_UNSUPPORTED"),
        ("garbage", Some("not-a-token".to_owned()), "TOKEN_MALFORMED"),
        ("no token", None, "TOKEN_MISSING"),
    ];
    for (case, token, reason) in cases {
        let status = subject.read(token).await.expect_err(case);
        assert_eq!(
            status.code(),
            Code::Unauthenticated,
            "{who}, {case}: {status:?}"
        );
        assert_eq!(
            status
                .get_error_details()
                .error_info()
                .map(|i| i.reason.clone()),
            Some(reason.to_owned()),
            "{who}, {case}: ErrorInfo reason"
        );
    }
    let fine = sign(issuer, who, 3600);
    subject
        .read(Some(fine))
        .await
        .unwrap_or_else(|s| panic!("{who}: a good token is accepted: {s:?}"));
}
