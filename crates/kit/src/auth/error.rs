//! Why a caller could not be authenticated; every case becomes UNAUTHENTICATED with its reason.

use thiserror::Error;

/// A refused token, or no token at all. Deliberately carries no detail of the token: the
/// message is safe to return to the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Error)]
pub enum AuthError {
    /// No `authorization` metadata at all.
    #[error(
        "缺少访问令牌，请在 authorization 元数据中发送 Bearer <令牌> \
         (missing token: send the metadata `authorization: Bearer <token>`)"
    )]
    MissingToken,
    /// `authorization` metadata that is not `Bearer <token>`: a bare token without the `Bearer `
    /// prefix, another scheme (`Basic …`), or `Bearer` with nothing after it.
    #[error(
        "authorization 元数据格式错误，其值应为 Bearer <令牌> \
         (malformed authorization metadata: the value must be `Bearer <token>`)"
    )]
    MalformedAuthorization,
    /// Not a JWT: wrong shape, bad base64 or JSON, unreadable header.
    #[error("访问令牌格式错误 (malformed token)")]
    Malformed,
    /// An algorithm we do not accept (`none`, HMAC, RSA, …) or not the one pinned to the key.
    #[error("不接受的签名算法 (unsupported signing algorithm)")]
    UnsupportedAlgorithm,
    /// No `kid`, or a `kid` that is not in the key set.
    #[error("未知的签名密钥 (unknown signing key)")]
    UnknownKey,
    /// The signature does not verify with the selected key.
    #[error("签名无效 (invalid signature)")]
    BadSignature,
    /// `exp` is in the past (beyond the allowed clock skew).
    #[error(
        "令牌已过期，请向县管理员申请新令牌 \
         (token expired: ask the county administrator for a new one, issued with `rectifyctl token`)"
    )]
    Expired,
    /// The token was issued for another service, or names none.
    #[error("令牌不是签发给本服务的 (token audience does not match this service)")]
    WrongAudience,
    /// The token was issued by someone we do not trust, or names no issuer.
    #[error("令牌签发者不受信任 (token issuer not trusted)")]
    WrongIssuer,
    /// A claim is missing or unusable: no `exp`, unknown party kind, empty subject, not yet valid, …
    #[error("令牌声明无效 (invalid token claims)")]
    InvalidClaims,
}

impl AuthError {
    /// Every variant, for tables and tests.
    pub const ALL: [AuthError; 10] = [
        AuthError::MissingToken,
        AuthError::MalformedAuthorization,
        AuthError::Malformed,
        AuthError::UnsupportedAlgorithm,
        AuthError::UnknownKey,
        AuthError::BadSignature,
        AuthError::Expired,
        AuthError::WrongAudience,
        AuthError::WrongIssuer,
        AuthError::InvalidClaims,
    ];

    /// Stable machine-readable code for `ErrorInfo.reason` (AIP-193); never changes once shipped.
    pub fn reason(self) -> &'static str {
        match self {
            AuthError::MissingToken => "TOKEN_MISSING",
            AuthError::MalformedAuthorization => "AUTHORIZATION_MALFORMED",
            AuthError::Malformed => "TOKEN_MALFORMED",
            AuthError::UnsupportedAlgorithm => "TOKEN_ALGORITHM_UNSUPPORTED",
            AuthError::UnknownKey => "TOKEN_KEY_UNKNOWN",
            AuthError::BadSignature => "TOKEN_SIGNATURE_INVALID",
            AuthError::Expired => "TOKEN_EXPIRED",
            AuthError::WrongAudience => "TOKEN_WRONG_AUDIENCE",
            AuthError::WrongIssuer => "TOKEN_WRONG_ISSUER",
            AuthError::InvalidClaims => "TOKEN_CLAIMS_INVALID",
        }
    }
}

impl From<jsonwebtoken::errors::Error> for AuthError {
    fn from(error: jsonwebtoken::errors::Error) -> Self {
        use jsonwebtoken::errors::ErrorKind as Kind;
        match error.kind() {
            Kind::InvalidToken | Kind::Base64(_) | Kind::Json(_) | Kind::Utf8(_) => {
                AuthError::Malformed
            }
            Kind::InvalidAlgorithm
            | Kind::InvalidAlgorithmName
            | Kind::UnsupportedAlgorithm
            | Kind::MissingAlgorithm => AuthError::UnsupportedAlgorithm,
            Kind::InvalidSignature => AuthError::BadSignature,
            // Keys are checked when the set is loaded, so an unusable key here means the token
            // cannot be verified, never that it is good.
            Kind::InvalidEcdsaKey
            | Kind::InvalidEddsaKey
            | Kind::InvalidRsaKey(_)
            | Kind::InvalidKeyFormat
            | Kind::RsaFailedSigning
            | Kind::Signing(_)
            | Kind::Provider(_) => AuthError::BadSignature,
            Kind::ExpiredSignature => AuthError::Expired,
            Kind::InvalidAudience => AuthError::WrongAudience,
            Kind::InvalidIssuer => AuthError::WrongIssuer,
            Kind::MissingRequiredClaim(claim) => match claim.as_str() {
                "aud" => AuthError::WrongAudience,
                "iss" => AuthError::WrongIssuer,
                _ => AuthError::InvalidClaims,
            },
            Kind::InvalidClaimFormat(_) | Kind::InvalidSubject | Kind::ImmatureSignature => {
                AuthError::InvalidClaims
            }
            // The list is non-exhaustive: whatever is added later still refuses the token.
            _ => AuthError::Malformed,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use jsonwebtoken::errors::{Error, ErrorKind};

    use super::*;

    #[test]
    fn reasons_are_unique_screaming_snake_codes() {
        let mut seen = HashSet::new();
        for error in AuthError::ALL {
            let reason = error.reason();
            assert!(seen.insert(reason), "reason {reason} is used twice");
            assert!(
                (reason.starts_with("TOKEN_") || reason.starts_with("AUTHORIZATION_"))
                    && reason.chars().all(|c| c.is_ascii_uppercase() || c == '_'),
                "reason {reason} of {error:?} should be SCREAMING_SNAKE under TOKEN_ or \
                 AUTHORIZATION_"
            );
        }
    }

    #[test]
    fn header_mistakes_tell_the_caller_what_to_send() {
        let cases = [
            (
                AuthError::MissingToken,
                "TOKEN_MISSING",
                ["authorization: Bearer <token>", "authorization 元数据"],
            ),
            (
                AuthError::MalformedAuthorization,
                "AUTHORIZATION_MALFORMED",
                ["must be `Bearer <token>`", "Bearer <令牌>"],
            ),
        ];
        for (error, reason, phrases) in cases {
            assert_eq!(error.reason(), reason, "reason of {error:?}");
            let message = error.to_string();
            for phrase in phrases {
                assert!(
                    message.contains(phrase),
                    "{error:?} should say {phrase:?}: {message}"
                );
            }
        }
    }

    #[test]
    fn messages_are_chinese_then_english_in_parentheses() {
        for error in AuthError::ALL {
            let message = error.to_string();
            let (chinese, english) = message.split_once(" (").expect("message has ' ('");
            assert!(
                !chinese.is_ascii(),
                "{error:?} should start in Chinese: {message}"
            );
            assert!(
                english.ends_with(')') && english.is_ascii(),
                "{error:?} should end in English in parentheses: {message}"
            );
        }
    }

    #[test]
    fn jsonwebtoken_errors_map_to_the_matching_refusal() {
        let cases = [
            (ErrorKind::InvalidToken, AuthError::Malformed),
            (ErrorKind::InvalidSignature, AuthError::BadSignature),
            (ErrorKind::InvalidAlgorithm, AuthError::UnsupportedAlgorithm),
            (ErrorKind::ExpiredSignature, AuthError::Expired),
            (ErrorKind::InvalidAudience, AuthError::WrongAudience),
            (ErrorKind::InvalidIssuer, AuthError::WrongIssuer),
            (
                ErrorKind::MissingRequiredClaim("aud".into()),
                AuthError::WrongAudience,
            ),
            (
                ErrorKind::MissingRequiredClaim("iss".into()),
                AuthError::WrongIssuer,
            ),
            (
                ErrorKind::MissingRequiredClaim("exp".into()),
                AuthError::InvalidClaims,
            ),
            (
                ErrorKind::InvalidClaimFormat("exp".into()),
                AuthError::InvalidClaims,
            ),
            (ErrorKind::ImmatureSignature, AuthError::InvalidClaims),
            (ErrorKind::InvalidEddsaKey, AuthError::BadSignature),
        ];
        for (kind, expected) in cases {
            let label = format!("{kind:?}");
            assert_eq!(
                AuthError::from(Error::from(kind)),
                expected,
                "mapping of {label}"
            );
        }
    }
}
