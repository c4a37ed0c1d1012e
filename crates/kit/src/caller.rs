//! Authentication and readiness at the door of a service: an interceptor that
//! verifies the bearer token (if any) and leaves the outcome in the request,
//! so each handler decides whether it needs a caller (the public list does not).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tonic::service::Interceptor;
use tonic::{Request, Status};

use crate::auth::{AuthError, Principal, Verifier, bearer_token};
use crate::error::{Error, Result};

/// Whether the database is reachable and migrated.
#[derive(Clone, Debug, Default)]
pub struct Readiness(Arc<AtomicBool>);

impl Readiness {
    pub fn set(&self, ready: bool) {
        self.0.store(ready, Ordering::Release);
    }

    pub fn is_ready(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// The verified caller of a request, or why there is none.
#[derive(Clone, Debug)]
struct Authenticated(std::result::Result<Principal, Arc<AuthError>>);

/// Verifies tokens and refuses calls while the service is not ready.
#[derive(Clone, Debug)]
pub struct Gate {
    verifier: Verifier,
    readiness: Readiness,
}

impl Gate {
    pub fn new(verifier: Verifier, readiness: Readiness) -> Self {
        Self {
            verifier,
            readiness,
        }
    }
}

impl Interceptor for Gate {
    fn call(&mut self, mut request: Request<()>) -> std::result::Result<Request<()>, Status> {
        if !self.readiness.is_ready() {
            return Err(Error::Unavailable(crate::text!(
                "服务暂不可用：数据库未就绪",
                "service unavailable: database not reachable or not migrated yet"
            ))
            .into());
        }
        let outcome = bearer_token(request.metadata())
            .and_then(|token| self.verifier.verify_with_expiry(token))
            .map_err(Arc::new);
        let outcome = outcome.map(|(principal, expiry)| {
            let leeway = i64::try_from(self.verifier.leeway_secs()).unwrap_or(0);
            request
                .extensions_mut()
                .insert(TokenExpiry(expiry.saturating_add(leeway)));
            principal
        });
        request.extensions_mut().insert(Authenticated(outcome));
        Ok(request)
    }
}

/// When the caller's token stops being accepted (Unix seconds, the clock skew tolerated
/// included): a stream opened with it ends then.
#[derive(Clone, Copy, Debug)]
struct TokenExpiry(i64);

/// When the verified caller's token stops being accepted (Unix seconds), if there is one.
pub fn token_expiry<T>(request: &Request<T>) -> Option<i64> {
    request.extensions().get::<TokenExpiry>().map(|e| e.0)
}

/// The verified caller, or UNAUTHENTICATED.
pub fn principal<T>(request: &Request<T>) -> Result<Principal> {
    match request.extensions().get::<Authenticated>() {
        Some(Authenticated(Ok(principal))) => Ok(principal.clone()),
        Some(Authenticated(Err(error))) => Err(Error::Unauthenticated(**error)),
        None => Err(AuthError::MissingToken.into()),
    }
}

#[cfg(test)]
mod tests {
    use tonic::Code;
    use tonic::metadata::MetadataValue;
    use tonic_types::StatusExt;

    use super::*;
    use crate::auth::Issuer;

    /// A ready gate for the registry trusting a fresh issuer.
    fn ready_gate() -> Gate {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let verifier = Verifier::from_jwks_json(&issuer.public_jwks_json(), "rectify", "registry")
            .expect("verifier");
        let readiness = Readiness::default();
        readiness.set(true);
        Gate::new(verifier, readiness)
    }

    /// What a handler sees of a call whose `authorization` metadata is `value` (none when `None`).
    fn status_for(authorization: Option<&str>) -> Status {
        let mut request = Request::new(());
        if let Some(value) = authorization {
            let value = MetadataValue::try_from(value).expect("ascii metadata");
            request.metadata_mut().insert("authorization", value);
        }
        let request = ready_gate()
            .call(request)
            .expect("a ready gate lets the call in");
        let error = principal(&request).expect_err("no verified caller");
        Status::from(error)
    }

    #[test]
    fn header_mistakes_are_unauthenticated_with_their_own_reason_and_advice() {
        let cases = [
            (None, "TOKEN_MISSING", "authorization: Bearer <token>"),
            (
                Some("eyJhbGciOiJFZERTQSJ9.e30.c2ln"),
                "AUTHORIZATION_MALFORMED",
                "must be `Bearer <token>`",
            ),
            (
                Some("Bearer not-a-jwt"),
                "TOKEN_MALFORMED",
                "malformed token",
            ),
        ];
        for (authorization, reason, advice) in cases {
            let status = status_for(authorization);
            let label = format!("authorization {authorization:?}");
            assert_eq!(status.code(), Code::Unauthenticated, "{label}: code");
            let details = status.get_error_details();
            let info = details.error_info().expect("ErrorInfo present");
            assert_eq!(info.reason, reason, "{label}: ErrorInfo reason");
            assert!(
                status.message().contains(advice),
                "{label}: message should say {advice:?}: {}",
                status.message()
            );
        }
    }
}
