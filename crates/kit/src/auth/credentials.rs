//! What a service presents when it calls another service or follows its feed: a fixed token
//! given in configuration, or tokens it mints for itself from its own service key and renews
//! before they expire, so a service never stops for want of a valid token.
//!
//! A service key is an Ed25519 key whose public half is in the county's key set under a `kid`
//! that names the service (`service:<name>:<digest>`, see [`service_kid`]); verifiers accept a
//! token signed by it only when it is a `service` token whose subject and party are that
//! service (`Verifier::verify`), so one service's key can never speak for a bureau or for
//! another service.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::audiences::SERVICE_AUDIENCES;
use super::issuer::{Issuer, TokenRequest};
use super::principal::PartyKind;

/// The prefix of a `kid` bound to one service.
pub const SERVICE_KID_PREFIX: &str = "service:";

/// The `kid` of `service`'s own key: `service:<name>:<first 16 hex digits of SHA-256 of the
/// public key>`.
pub fn service_kid(service: &str, public_key: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(public_key);
    format!(
        "{SERVICE_KID_PREFIX}{service}:{}",
        hex::encode(&digest[..8])
    )
}

/// The service a `kid` is bound to, if it is a service key's.
pub fn service_of_kid(kid: &str) -> Option<&str> {
    kid.strip_prefix(SERVICE_KID_PREFIX)?.split(':').next()
}

/// A bearer token source; cheap to clone.
#[derive(Clone)]
pub struct Credentials(Arc<Source>);

enum Source {
    Fixed(String),
    Minted {
        issuer: Arc<Issuer>,
        request: TokenRequest,
        cache: Mutex<Option<(String, Instant)>>,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            Source::Fixed(_) => f.write_str("Credentials(fixed token ***)"),
            Source::Minted {
                issuer, request, ..
            } => write!(
                f,
                "Credentials(minted by {} for {}, {:?})",
                issuer.kid(),
                request.subject,
                request.lifetime
            ),
        }
    }
}

impl Credentials {
    /// Always the same token (`RECTIFY_SERVICE_TOKEN`): it stops working when it expires.
    pub fn fixed(token: impl Into<String>) -> Credentials {
        Credentials(Arc::new(Source::Fixed(token.into())))
    }

    /// Tokens of party kind `service` for `service`, valid on every rectify service, minted by
    /// `issuer` for `lifetime` each and renewed once two thirds of it have passed.
    pub fn minted(issuer: Arc<Issuer>, service: &str, lifetime: Duration) -> Credentials {
        let request = TokenRequest {
            subject: service.to_owned(),
            party: service.to_owned(),
            kind: PartyKind::Service,
            roles: Vec::new(),
            audiences: SERVICE_AUDIENCES.iter().map(|a| (*a).to_owned()).collect(),
            lifetime: lifetime.max(Duration::from_secs(1)),
        };
        Credentials(Arc::new(Source::Minted {
            issuer,
            request,
            cache: Mutex::new(None),
        }))
    }

    /// [`Credentials::minted`] with `service`'s own key, read from a PKCS#8 PEM file as
    /// `rectifyctl keys service` writes it; `token_issuer` is the `iss` the services expect.
    pub fn from_service_key(
        pem: &str,
        service: &str,
        token_issuer: &str,
        lifetime: Duration,
    ) -> anyhow::Result<Credentials> {
        let probe = Issuer::from_private_pem(pem, "probe", token_issuer)?;
        let kid = service_kid(service, &probe.public_key_bytes());
        let issuer = Issuer::from_private_pem(pem, &kid, token_issuer)
            .with_context(|| format!("the service key of {service}"))?;
        Ok(Credentials::minted(Arc::new(issuer), service, lifetime))
    }

    /// The token to send now: the fixed one, or a minted one with at least a third of its
    /// lifetime left (a new one is minted when the last is older).
    pub fn bearer(&self) -> anyhow::Result<String> {
        match &*self.0 {
            Source::Fixed(token) => Ok(token.clone()),
            Source::Minted {
                issuer,
                request,
                cache,
            } => {
                let mut cache = cache
                    .lock()
                    .map_err(|_| anyhow::anyhow!("token cache poisoned"))?;
                let now = Instant::now();
                if let Some((token, renew_at)) = cache.as_ref()
                    && now < *renew_at
                {
                    return Ok(token.clone());
                }
                let token = issuer.mint(request)?;
                let renew_at = now + request.lifetime * 2 / 3;
                *cache = Some((token.clone(), renew_at));
                Ok(token)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Claims;

    #[test]
    fn a_minted_token_is_reused_until_two_thirds_of_its_life_then_renewed() {
        let issuer = Arc::new(Issuer::generate("rectify").expect("issuer"));
        let credentials = Credentials::minted(issuer, "utilities", Duration::from_millis(1500));
        let first = credentials.bearer().expect("first token");
        assert_eq!(
            credentials.bearer().expect("again"),
            first,
            "reused while fresh"
        );
        std::thread::sleep(Duration::from_millis(1100));
        let renewed = credentials.bearer().expect("renewed");
        assert_ne!(renewed, first, "a new token once two thirds have passed");
        let claims: Claims =
            jsonwebtoken::dangerous::insecure_decode_claims(&renewed).expect("claims");
        assert_eq!(
            (claims.sub.as_str(), claims.party.as_str(), claims.kind),
            ("utilities", "utilities", PartyKind::Service),
            "a service token of the service itself"
        );
    }

    #[test]
    fn a_service_kid_names_its_service() {
        let kid = service_kid("coordinator", &[7; 32]);
        assert!(kid.starts_with("service:coordinator:"), "{kid}");
        assert_eq!(service_of_kid(&kid), Some("coordinator"));
        assert_eq!(service_of_kid("0123abcd"), None, "the county issuer's kid");
    }

    #[test]
    fn a_service_key_speaks_for_its_service_only() {
        let county = Issuer::generate("rectify").expect("county issuer");
        let key = Issuer::generate("rectify").expect("a key for utilities");
        let pem = key.private_pem();
        let credentials =
            Credentials::from_service_key(&pem, "utilities", "rectify", Duration::from_secs(60))
                .expect("service credentials");
        let kid = service_kid("utilities", &key.public_key_bytes());
        let own = Issuer::from_private_pem(&pem, &kid, "rectify").expect("own key");
        let mut set = county.public_jwk_set();
        set.keys.extend(own.public_jwk_set().keys);
        let verifier =
            crate::auth::Verifier::from_jwk_set(&set, "rectify", "registry").expect("verifier");
        let principal = verifier
            .verify(&credentials.bearer().expect("token"))
            .expect("the service's own token verifies");
        assert_eq!(
            principal.actor(),
            "utilities/utilities",
            "the service itself"
        );
        let now = chrono::Utc::now().timestamp();
        let forged = [
            ("the office", "office", "utilities", PartyKind::Office),
            (
                "another service",
                "coordinator",
                "coordinator",
                PartyKind::Service,
            ),
            ("a bureau", "water", "utilities", PartyKind::Bureau),
        ];
        for (label, party, subject, kind) in forged {
            let token = own
                .sign(&Claims {
                    iss: "rectify".to_owned(),
                    sub: subject.to_owned(),
                    aud: vec!["registry".to_owned()],
                    exp: now + 60,
                    iat: now,
                    nbf: None,
                    party: party.to_owned(),
                    kind,
                    roles: Vec::new(),
                })
                .expect("sign");
            assert_eq!(
                verifier.verify(&token),
                Err(crate::auth::AuthError::InvalidClaims),
                "utilities' key signing for {label} is refused"
            );
        }
    }
}
