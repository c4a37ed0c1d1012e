//! Carries the bearer token in gRPC metadata: `authorization: Bearer <token>`.

use tonic::metadata::{MetadataMap, MetadataValue};

use super::error::AuthError;

const AUTHORIZATION: &str = "authorization";

/// The token of the request's `authorization: Bearer <token>` (the scheme in any case).
///
/// No such metadata is [`AuthError::MissingToken`]; a value that is not `Bearer <token>` (a bare
/// token without the prefix, another scheme, `Bearer` alone) is
/// [`AuthError::MalformedAuthorization`]; a repeated header, a token with whitespace inside or a
/// value that is not ASCII is [`AuthError::Malformed`].
pub fn bearer_token(metadata: &MetadataMap) -> Result<&str, AuthError> {
    let mut values = metadata.get_all(AUTHORIZATION).iter();
    let value = values.next().ok_or(AuthError::MissingToken)?;
    if values.next().is_some() {
        return Err(AuthError::Malformed);
    }
    let value = value.to_str().map_err(|_| AuthError::Malformed)?.trim();
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(AuthError::MalformedAuthorization);
    }
    if token.contains(char::is_whitespace) {
        return Err(AuthError::Malformed);
    }
    Ok(token)
}

/// Sets `authorization: Bearer <token>` on an outgoing request, replacing any earlier one.
/// Fails with [`AuthError::Malformed`] if `token` cannot be sent as metadata.
pub fn set_bearer(metadata: &mut MetadataMap, token: &str) -> Result<(), AuthError> {
    let value =
        MetadataValue::try_from(format!("Bearer {token}")).map_err(|_| AuthError::Malformed)?;
    metadata.insert(AUTHORIZATION, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_authorization(values: &[&str]) -> MetadataMap {
        let mut metadata = MetadataMap::new();
        for value in values {
            let value = MetadataValue::try_from(*value).expect("ascii metadata");
            metadata.append(AUTHORIZATION, value);
        }
        metadata
    }

    #[test]
    fn bearer_token_is_read_whatever_the_case_of_the_scheme() {
        for header in [
            "Bearer abc.def.ghi",
            "bearer abc.def.ghi",
            "BEARER  abc.def.ghi ",
        ] {
            let metadata = with_authorization(&[header]);
            assert_eq!(
                bearer_token(&metadata),
                Ok("abc.def.ghi"),
                "header {header:?}"
            );
        }
    }

    #[test]
    fn missing_or_unusable_authorization_is_refused_with_its_reason() {
        let cases: [(&[&str], AuthError); 10] = [
            (&[], AuthError::MissingToken),
            (
                &["eyJhbGciOiJFZERTQSJ9.e30.c2ln"],
                AuthError::MalformedAuthorization,
            ),
            (&["Basic dXNlcjpwYXNz"], AuthError::MalformedAuthorization),
            (&["Token a.b.c"], AuthError::MalformedAuthorization),
            (&["Bearer:a.b.c"], AuthError::MalformedAuthorization),
            (&["Bearer"], AuthError::MalformedAuthorization),
            (&["Bearer  "], AuthError::MalformedAuthorization),
            (&[""], AuthError::MalformedAuthorization),
            (&["Bearer a.b.c d.e.f"], AuthError::Malformed),
            (&["Bearer a.b.c", "Bearer d.e.f"], AuthError::Malformed),
        ];
        for (headers, expected) in cases {
            let metadata = with_authorization(headers);
            assert_eq!(
                bearer_token(&metadata),
                Err(expected),
                "headers {headers:?}"
            );
        }
    }

    #[test]
    fn set_bearer_writes_what_bearer_token_reads_and_replaces_an_old_token() {
        let mut metadata = with_authorization(&["Bearer old.old.old"]);
        set_bearer(&mut metadata, "new.new.new").expect("a JWT fits in metadata");
        assert_eq!(
            bearer_token(&metadata),
            Ok("new.new.new"),
            "the new token replaces the old"
        );
    }

    #[test]
    fn set_bearer_refuses_a_token_that_cannot_be_metadata() {
        let mut metadata = MetadataMap::new();
        assert_eq!(
            set_bearer(&mut metadata, "a\nb"),
            Err(AuthError::Malformed),
            "newline"
        );
        assert!(
            metadata.get(AUTHORIZATION).is_none(),
            "nothing should be set on failure"
        );
    }
}
