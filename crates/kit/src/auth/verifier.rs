//! Checks a bearer token against a JWK set: algorithm pinned per key, signature, expiry, issuer
//! and audience (this service among those the token names); then hands back the [`Principal`] it
//! names.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail, ensure};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::crypto::CryptoProvider;
use jsonwebtoken::jwk::{
    AlgorithmParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm, PublicKeyUse,
};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use super::claims::Claims;
use super::credentials::service_of_kid;
use super::error::AuthError;
use super::principal::Principal;

/// Clock skew tolerated on `exp` and `nbf`.
const LEEWAY_SECS: u64 = 30;

/// Verifies tokens for one service: a token is accepted when its `aud` names this service, alone
/// or among others. Cheap to clone; shares its keys.
#[derive(Clone)]
pub struct Verifier {
    inner: Arc<Inner>,
}

struct Inner {
    issuer: String,
    audience: String,
    keys: HashMap<String, PinnedKey>,
}

/// A public key and the one algorithm a token may use with it.
#[derive(Clone)]
struct PinnedKey {
    algorithm: Algorithm,
    key: DecodingKey,
    validation: Validation,
    /// The one service whose own tokens this key may sign (a `service:<name>:…` kid).
    service: Option<String>,
}

/// Only what must be read before a key is chosen; the library reparses the whole header.
#[derive(Deserialize)]
struct RawHeader {
    alg: String,
    kid: Option<String>,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kids: Vec<_> = self
            .inner
            .keys
            .iter()
            .map(|(kid, k)| (kid, k.algorithm))
            .collect();
        kids.sort_by(|a, b| a.0.cmp(b.0));
        f.debug_struct("Verifier")
            .field("issuer", &self.inner.issuer)
            .field("audience", &self.inner.audience)
            .field("keys", &kids)
            .finish()
    }
}

impl Verifier {
    /// A verifier for tokens from `issuer` to `audience`, trusting the keys of a JWK set.
    /// Every key must be usable (EdDSA on Ed25519 or ES256 on P-256, with a unique `kid`);
    /// one that is not fails the whole set rather than being skipped in silence.
    pub fn from_jwks_json(json: &str, issuer: &str, audience: &str) -> anyhow::Result<Verifier> {
        let raw: serde_json::Value = serde_json::from_str(json).context("parse JWK set JSON")?;
        let keys = raw
            .get("keys")
            .and_then(|k| k.as_array())
            .context("JWK set has no keys")?;
        ensure!(
            keys.iter().all(|key| key.get("d").is_none()),
            "JWK set contains private key material (\"d\"); publish public keys only"
        );
        let set: JwkSet = serde_json::from_value(raw).context("parse JWK set")?;
        Verifier::from_jwk_set(&set, issuer, audience)
    }

    /// [`Verifier::from_jwks_json`] reading the set from a file, e.g. `jwks.json`.
    pub fn from_jwks_file(
        path: impl AsRef<Path>,
        issuer: &str,
        audience: &str,
    ) -> anyhow::Result<Verifier> {
        let path = path.as_ref();
        let json = std::fs::read_to_string(path)
            .with_context(|| format!("read JWK set {}", path.display()))?;
        Verifier::from_jwks_json(&json, issuer, audience)
            .with_context(|| format!("load JWK set {}", path.display()))
    }

    /// [`Verifier::from_jwks_json`] from an already parsed set.
    pub fn from_jwk_set(set: &JwkSet, issuer: &str, audience: &str) -> anyhow::Result<Verifier> {
        ensure!(
            !issuer.trim().is_empty(),
            "expected issuer must not be empty"
        );
        ensure!(
            !audience.trim().is_empty(),
            "expected audience must not be empty"
        );
        ensure!(!set.keys.is_empty(), "JWK set has no keys");
        let mut keys = HashMap::new();
        for jwk in &set.keys {
            let kid = jwk
                .common
                .key_id
                .clone()
                .context("a key in the JWK set has no kid")?;
            let (algorithm, key) = pinned_key(jwk).with_context(|| format!("key {kid}"))?;
            let validation = validation(algorithm, issuer, audience);
            let pinned = PinnedKey {
                algorithm,
                key,
                validation,
                service: service_of_kid(&kid).map(str::to_owned),
            };
            ensure!(
                keys.insert(kid.clone(), pinned).is_none(),
                "kid {kid} appears twice"
            );
        }
        let inner = Inner {
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
            keys,
        };
        Ok(Verifier {
            inner: Arc::new(inner),
        })
    }

    /// The issuer tokens must name.
    pub fn issuer(&self) -> &str {
        &self.inner.issuer
    }

    /// The audience tokens must name (among any others): this service.
    pub fn audience(&self) -> &str {
        &self.inner.audience
    }

    /// The same verifier tolerating `leeway` of clock skew on `exp` and `nbf` instead of the
    /// default 30 s (`RECTIFY_TOKEN_LEEWAY_SECS`).
    pub fn with_leeway(self, leeway: std::time::Duration) -> Verifier {
        let keys = self
            .inner
            .keys
            .iter()
            .map(|(kid, pinned)| {
                let mut pinned = pinned.clone();
                pinned.validation.leeway = leeway.as_secs();
                (kid.clone(), pinned)
            })
            .collect();
        Verifier {
            inner: Arc::new(Inner {
                issuer: self.inner.issuer.clone(),
                audience: self.inner.audience.clone(),
                keys,
            }),
        }
    }

    /// How much clock skew is tolerated, in seconds.
    pub fn leeway_secs(&self) -> u64 {
        self.inner
            .keys
            .values()
            .next()
            .map_or(LEEWAY_SECS, |k| k.validation.leeway)
    }

    /// The caller `token` names, if every check passes.
    pub fn verify(&self, token: &str) -> Result<Principal, AuthError> {
        self.verify_with_expiry(token)
            .map(|(principal, _)| principal)
    }

    /// [`Verifier::verify`], and the token's expiry (`exp`, Unix seconds): a stream opened
    /// with it ends then.
    pub fn verify_with_expiry(&self, token: &str) -> Result<(Principal, i64), AuthError> {
        let header = raw_header(token)?;
        let algorithm = match header.alg.as_str() {
            "EdDSA" => Algorithm::EdDSA,
            "ES256" => Algorithm::ES256,
            _ => return Err(AuthError::UnsupportedAlgorithm),
        };
        let kid = header.kid.ok_or(AuthError::UnknownKey)?;
        let pinned = self.inner.keys.get(&kid).ok_or(AuthError::UnknownKey)?;
        if pinned.algorithm != algorithm {
            return Err(AuthError::UnsupportedAlgorithm);
        }
        // Decoding into a plain value first lets signature, expiry, issuer and audience be
        // judged before the shape of our own claims.
        let data =
            jsonwebtoken::decode::<serde_json::Value>(token, &pinned.key, &pinned.validation)?;
        let claims: Claims =
            serde_json::from_value(data.claims).map_err(|_| AuthError::InvalidClaims)?;
        let expiry = claims.exp;
        let principal = Principal::try_from(claims)?;
        if let Some(service) = &pinned.service {
            // A service's own key speaks for that service and nobody else.
            let own = principal.kind == super::principal::PartyKind::Service
                && principal.subject == *service
                && principal.party == *service;
            if !own {
                return Err(AuthError::InvalidClaims);
            }
        }
        Ok((principal, expiry))
    }
}

/// The header of a compact JWS with exactly three parts.
fn raw_header(token: &str) -> Result<RawHeader, AuthError> {
    let mut parts = token.split('.');
    let (Some(header), Some(_), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(AuthError::Malformed);
    };
    let json = URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|_| AuthError::Malformed)?;
    serde_json::from_slice(&json).map_err(|_| AuthError::Malformed)
}

/// The algorithm `jwk` is for (from `kty`/`crv`, agreeing with `alg` when given) and its key,
/// checked to be a valid public key now rather than at the first request.
fn pinned_key(jwk: &Jwk) -> anyhow::Result<(Algorithm, DecodingKey)> {
    if let Some(key_use) = &jwk.common.public_key_use {
        ensure!(
            *key_use == PublicKeyUse::Signature,
            "use is {key_use:?}, not sig"
        );
    }
    let (algorithm, key) = match &jwk.algorithm {
        AlgorithmParameters::OctetKeyPair(okp) if okp.curve == EllipticCurve::Ed25519 => {
            ensure!(decoded_len(&okp.x)? == 32, "Ed25519 x must be 32 bytes");
            (Algorithm::EdDSA, DecodingKey::from_ed_components(&okp.x)?)
        }
        AlgorithmParameters::EllipticCurve(ec) if ec.curve == EllipticCurve::P256 => {
            ensure!(decoded_len(&ec.x)? == 32, "P-256 x must be 32 bytes");
            ensure!(decoded_len(&ec.y)? == 32, "P-256 y must be 32 bytes");
            (
                Algorithm::ES256,
                DecodingKey::from_ec_components(&ec.x, &ec.y)?,
            )
        }
        _ => bail!("only OKP Ed25519 (EdDSA) and EC P-256 (ES256) keys are accepted"),
    };
    if let Some(declared) = jwk.common.key_algorithm {
        ensure!(
            declared == KeyAlgorithm::from(algorithm),
            "alg {declared} does not fit a key for {algorithm:?}"
        );
    }
    let provider = CryptoProvider::try_get_default().context("no JWT crypto provider")?;
    (provider.verifier_factory)(&algorithm, &key).context("not a valid public key")?;
    Ok((algorithm, key))
}

fn decoded_len(b64: &str) -> anyhow::Result<usize> {
    Ok(URL_SAFE_NO_PAD
        .decode(b64)
        .context("key coordinate is not base64url")?
        .len())
}

fn validation(algorithm: Algorithm, issuer: &str, audience: &str) -> Validation {
    let mut validation = Validation::new(algorithm);
    validation.leeway = LEEWAY_SECS;
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.validate_aud = true;
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.set_issuer(&[issuer]);
    // `aud` may be one string or an array; the token passes when this service is among them.
    validation.set_audience(&[audience]);
    validation
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use jsonwebtoken::{EncodingKey, Header};
    use serde_json::json;

    use super::*;
    use crate::auth::{Issuer, PartyKind, TokenRequest};

    const ISSUER: &str = "rectify";
    const SERVICE: &str = "utilities";

    /// Spoils one claim of otherwise valid claims, given the current time.
    type Spoil = fn(&mut Claims, i64);

    fn clerk_request() -> TokenRequest {
        TokenRequest {
            subject: "zhao.liu".to_owned(),
            party: "power".to_owned(),
            kind: PartyKind::Bureau,
            roles: vec!["clerk".to_owned(), "verifier".to_owned()],
            audiences: vec![SERVICE.to_owned()],
            lifetime: Duration::from_secs(600),
        }
    }

    fn clerk_claims() -> Claims {
        let now = chrono::Utc::now().timestamp();
        Claims {
            iss: ISSUER.to_owned(),
            sub: "zhao.liu".to_owned(),
            aud: vec![SERVICE.to_owned()],
            exp: now + 600,
            iat: now,
            nbf: None,
            party: "power".to_owned(),
            kind: PartyKind::Bureau,
            roles: vec!["clerk".to_owned()],
        }
    }

    /// An issuer and a verifier for `SERVICE` that trusts it.
    fn setup() -> (Issuer, Verifier) {
        let issuer = Issuer::generate(ISSUER).expect("generate issuer");
        let verifier = Verifier::from_jwks_json(&issuer.public_jwks_json(), ISSUER, SERVICE)
            .expect("load issuer's jwks");
        (issuer, verifier)
    }

    fn b64(value: &serde_json::Value) -> String {
        URL_SAFE_NO_PAD.encode(value.to_string())
    }

    /// A P-256 private key as PKCS#8 DER: the fixed prefix of an unencrypted P-256 key whose
    /// ECPrivateKey (RFC 5915) carries only its 32-byte secret, then 32 random bytes.
    fn p256_key() -> EncodingKey {
        const PREFIX: [u8; 35] = [
            0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d,
            0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27,
            0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20,
        ];
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret).expect("random P-256 secret");
        EncodingKey::from_ec_der(&[PREFIX.as_slice(), &secret].concat())
    }

    fn es256_jwk(key: &EncodingKey, kid: &str) -> Jwk {
        let mut jwk = Jwk::from_encoding_key(key, Algorithm::ES256).expect("P-256 public jwk");
        jwk.common.key_id = Some(kid.to_owned());
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        jwk
    }

    fn sign_with(key: &EncodingKey, alg: Algorithm, kid: Option<&str>, claims: &Claims) -> String {
        let mut header = Header::new(alg);
        header.kid = kid.map(str::to_owned);
        jsonwebtoken::encode(&header, claims, key).expect("sign test token")
    }

    #[test]
    fn valid_token_round_trips_to_the_right_principal() {
        let (issuer, verifier) = setup();
        let token = issuer.mint(&clerk_request()).expect("mint");
        let principal = verifier.verify(&token).expect("valid token verifies");
        let expected = Principal {
            subject: "zhao.liu".to_owned(),
            party: "power".to_owned(),
            kind: PartyKind::Bureau,
            roles: vec!["clerk".to_owned(), "verifier".to_owned()],
        };
        assert_eq!(principal, expected, "principal should be what was minted");
    }

    #[test]
    fn claims_that_fail_a_check_are_refused_with_its_reason() {
        let (issuer, verifier) = setup();
        let now = chrono::Utc::now().timestamp();
        let cases: [(&str, Spoil, AuthError); 7] = [
            (
                "expired beyond leeway",
                |c, now| c.exp = now - 120,
                AuthError::Expired,
            ),
            (
                "other audience",
                |c, _| c.aud = vec!["licensing".to_owned()],
                AuthError::WrongAudience,
            ),
            (
                "empty audience list",
                |c, _| c.aud.clear(),
                AuthError::WrongAudience,
            ),
            (
                "other issuer",
                |c, _| c.iss = "mallory".to_owned(),
                AuthError::WrongIssuer,
            ),
            (
                "not yet valid",
                |c, now| c.nbf = Some(now + 600),
                AuthError::InvalidClaims,
            ),
            (
                "blank subject",
                |c, _| c.sub = " ".to_owned(),
                AuthError::InvalidClaims,
            ),
            (
                "blank party",
                |c, _| c.party.clear(),
                AuthError::InvalidClaims,
            ),
        ];
        for (label, spoil, expected) in cases {
            let mut claims = clerk_claims();
            spoil(&mut claims, now);
            let token = issuer.sign(&claims).expect("sign");
            assert_eq!(verifier.verify(&token), Err(expected), "{label}");
        }
    }

    /// A verifier for `audience` trusting `issuer`'s key set.
    fn verifier_for(issuer: &Issuer, audience: &str) -> Verifier {
        Verifier::from_jwks_json(&issuer.public_jwks_json(), ISSUER, audience)
            .expect("load issuer's jwks")
    }

    #[test]
    fn a_token_for_several_services_verifies_on_each_of_them() {
        let (issuer, _) = setup();
        let mut request = clerk_request();
        request.audiences = vec!["registry".to_owned(), "utilities".to_owned()];
        let token = issuer.mint(&request).expect("mint");
        for service in ["registry", "utilities"] {
            let principal = verifier_for(&issuer, service).verify(&token);
            assert_eq!(
                principal.map(|p| p.actor()),
                Ok("power/zhao.liu".to_owned()),
                "the {service} verifier should accept a token naming it among others"
            );
        }
        assert_eq!(
            verifier_for(&issuer, "licensing").verify(&token),
            Err(AuthError::WrongAudience),
            "a service the token does not name refuses it"
        );
    }

    #[test]
    fn a_token_for_another_service_only_is_refused_with_the_wrong_audience_error() {
        let (issuer, _) = setup();
        let token = issuer.mint(&clerk_request()).expect("mint for utilities");
        let refused = verifier_for(&issuer, "registry").verify(&token);
        assert_eq!(
            refused,
            Err(AuthError::WrongAudience),
            "registry should refuse a token for [utilities]"
        );
    }

    #[test]
    fn a_single_string_audience_still_verifies() {
        let (issuer, verifier) = setup();
        let mut claims = serde_json::to_value(clerk_claims()).expect("claims json");
        claims["aud"] = json!(SERVICE);
        let key = EncodingKey::from_ed_pem(issuer.private_pem().as_bytes()).expect("ed key");
        let token = sign_with_value(&key, issuer.kid(), &claims);
        assert_eq!(
            verifier.verify(&token).map(|p| p.actor()),
            Ok("power/zhao.liu".to_owned()),
            "aud as a plain string (RFC 7519 §4.1.3) should verify"
        );
        claims["aud"] = json!("registry");
        let token = sign_with_value(&key, issuer.kid(), &claims);
        assert_eq!(
            verifier.verify(&token),
            Err(AuthError::WrongAudience),
            "a plain string naming another service is still refused"
        );
    }

    /// Signs claims given as JSON, so a test can shape them as no [`Claims`] would.
    fn sign_with_value(key: &EncodingKey, kid: &str, claims: &serde_json::Value) -> String {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(kid.to_owned());
        jsonwebtoken::encode(&header, claims, key).expect("sign test token")
    }

    #[test]
    fn expiry_within_the_leeway_is_still_accepted() {
        let (issuer, verifier) = setup();
        let mut claims = clerk_claims();
        claims.exp = chrono::Utc::now().timestamp() - 5;
        let token = issuer.sign(&claims).expect("sign");
        assert!(
            verifier.verify(&token).is_ok(),
            "5 s past exp is within the 30 s leeway"
        );
    }

    #[test]
    fn missing_registered_claims_are_refused_before_our_own_claims_are_read() {
        let (issuer, verifier) = setup();
        let key = EncodingKey::from_ed_pem(issuer.private_pem().as_bytes()).expect("ed key");
        let full = serde_json::to_value(clerk_claims()).expect("claims json");
        let cases = [
            ("exp", AuthError::InvalidClaims),
            ("aud", AuthError::WrongAudience),
            ("iss", AuthError::WrongIssuer),
            ("sub", AuthError::InvalidClaims),
            ("kind", AuthError::InvalidClaims),
        ];
        for (claim, expected) in cases {
            let mut claims = full.clone();
            claims.as_object_mut().expect("object").remove(claim);
            let mut header = Header::new(Algorithm::EdDSA);
            header.kid = Some(issuer.kid().to_owned());
            let token = jsonwebtoken::encode(&header, &claims, &key).expect("sign");
            assert_eq!(
                verifier.verify(&token),
                Err(expected),
                "token without {claim}"
            );
        }
    }

    #[test]
    fn signature_from_another_key_with_the_same_kid_is_bad_signature() {
        let (issuer, verifier) = setup();
        let stranger = Issuer::generate(ISSUER).expect("generate stranger");
        let forger = Issuer::from_private_pem(&stranger.private_pem(), issuer.kid(), ISSUER)
            .expect("stranger's key under our kid");
        let token = forger.mint(&clerk_request()).expect("mint");
        assert_eq!(
            verifier.verify(&token),
            Err(AuthError::BadSignature),
            "forged signature"
        );
    }

    #[test]
    fn tampered_payload_is_bad_signature() {
        let (issuer, verifier) = setup();
        let token = issuer.mint(&clerk_request()).expect("mint");
        let mut parts: Vec<&str> = token.split('.').collect();
        let mut claims = clerk_claims();
        claims.roles.push("signer".to_owned());
        let forged = b64(&serde_json::to_value(claims).expect("claims json"));
        parts[1] = &forged;
        assert_eq!(
            verifier.verify(&parts.join(".")),
            Err(AuthError::BadSignature),
            "tampered"
        );
    }

    #[test]
    fn alg_none_without_signature_is_unsupported_algorithm() {
        let (issuer, verifier) = setup();
        let claims = serde_json::to_value(clerk_claims()).expect("claims json");
        let with_kid = json!({ "alg": "none", "kid": issuer.kid() });
        for header in [json!({ "alg": "none" }), with_kid] {
            let token = format!("{}.{}.", b64(&header), b64(&claims));
            let result = verifier.verify(&token);
            assert_eq!(
                result,
                Err(AuthError::UnsupportedAlgorithm),
                "header {header}"
            );
        }
    }

    #[test]
    fn hs256_signed_with_the_public_key_as_secret_is_unsupported_algorithm() {
        let (issuer, verifier) = setup();
        let jwks = issuer.public_jwk_set();
        let AlgorithmParameters::OctetKeyPair(okp) = &jwks.keys[0].algorithm else {
            panic!("issuer publishes an OKP key");
        };
        let public = URL_SAFE_NO_PAD.decode(&okp.x).expect("public key bytes");
        let secrets = [public, issuer.public_jwks_json().into_bytes()];
        for secret in secrets {
            let key = EncodingKey::from_secret(&secret).expect("hmac key");
            let token = sign_with(&key, Algorithm::HS256, Some(issuer.kid()), &clerk_claims());
            let result = verifier.verify(&token);
            assert_eq!(
                result,
                Err(AuthError::UnsupportedAlgorithm),
                "HMAC with public key"
            );
        }
    }

    #[test]
    fn unknown_or_missing_kid_is_unknown_key() {
        let (issuer, verifier) = setup();
        let key = EncodingKey::from_ed_pem(issuer.private_pem().as_bytes()).expect("ed key");
        for kid in [Some("retired-2023"), None] {
            let token = sign_with(&key, Algorithm::EdDSA, kid, &clerk_claims());
            assert_eq!(
                verifier.verify(&token),
                Err(AuthError::UnknownKey),
                "kid {kid:?}"
            );
        }
    }

    #[test]
    fn tokens_that_are_not_compact_jws_are_malformed() {
        let (_, verifier) = setup();
        let cases = [
            "",
            "abc",
            "a.b",
            "a.b.c.d",
            "!!!.e30.",
            "e30.e30.sig",
            "bnVsbA.e30.sig",
        ];
        for token in cases {
            assert_eq!(
                verifier.verify(token),
                Err(AuthError::Malformed),
                "token {token:?}"
            );
        }
    }

    #[test]
    fn es256_key_set_verifies_an_es256_token() {
        let key = p256_key();
        let set = JwkSet {
            keys: vec![es256_jwk(&key, "es-1")],
        };
        let json = serde_json::to_string(&set).expect("jwks json");
        let verifier = Verifier::from_jwks_json(&json, ISSUER, SERVICE).expect("load ES256 set");
        let token = sign_with(&key, Algorithm::ES256, Some("es-1"), &clerk_claims());
        let principal = verifier.verify(&token).expect("ES256 token verifies");
        assert_eq!(
            principal.actor(),
            "power/zhao.liu",
            "principal from the ES256 token"
        );
    }

    #[test]
    fn algorithm_is_pinned_to_the_key_the_kid_selects() {
        let (issuer, _) = setup();
        let es_key = p256_key();
        let mut set = issuer.public_jwk_set();
        let mut es_jwk = es256_jwk(&es_key, "es-1");
        es_jwk.common.key_algorithm = None; // inferred from kty/crv
        set.keys.push(es_jwk);
        let verifier = Verifier::from_jwk_set(&set, ISSUER, SERVICE).expect("mixed set");
        let es_on_ed = sign_with(
            &es_key,
            Algorithm::ES256,
            Some(issuer.kid()),
            &clerk_claims(),
        );
        let result = verifier.verify(&es_on_ed);
        assert_eq!(
            result,
            Err(AuthError::UnsupportedAlgorithm),
            "ES256 token, EdDSA kid"
        );
        let ed_on_es = issuer.mint(&clerk_request()).expect("mint");
        let (header, rest) = ed_on_es.split_once('.').expect("three parts");
        let mut header: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).expect("b64")).expect("json");
        header["kid"] = json!("es-1");
        let ed_on_es = format!("{}.{rest}", b64(&header));
        let result = verifier.verify(&ed_on_es);
        assert_eq!(
            result,
            Err(AuthError::UnsupportedAlgorithm),
            "EdDSA token, ES256 kid"
        );
    }

    #[test]
    fn key_sets_with_an_unusable_key_are_refused_whole() {
        let issuer = Issuer::generate(ISSUER).expect("generate issuer");
        let good: serde_json::Value =
            serde_json::from_str(&issuer.public_jwks_json()).expect("jwks json");
        let ed = good["keys"][0].clone();
        let with = |edit: fn(&mut serde_json::Value)| {
            let mut key = ed.clone();
            edit(&mut key);
            json!({ "keys": [key] })
        };
        let hmac = json!({ "keys": [{ "kty": "oct", "k": "c2VjcmV0", "kid": "h" }] });
        let cases = [
            (json!({ "keys": [] }), "has no keys"),
            (with(|k| k["kid"] = serde_json::Value::Null), "has no kid"),
            (with(|k| k["x"] = json!("AAAA")), "x must be 32 bytes"),
            (with(|k| k["alg"] = json!("ES256")), "does not fit"),
            (with(|k| k["alg"] = json!("none")), "does not fit"),
            (with(|k| k["use"] = json!("enc")), "not sig"),
            (with(|k| k["d"] = json!("AAAA")), "private key material"),
            (hmac, "keys are accepted"),
            (json!({ "keys": [ed.clone(), ed.clone()] }), "appears twice"),
        ];
        for (set, expected) in cases {
            let result = Verifier::from_jwks_json(&set.to_string(), ISSUER, SERVICE);
            let error = format!("{:#}", result.expect_err("an unusable set must be refused"));
            assert!(
                error.contains(expected),
                "set {set} should fail with {expected:?}: {error}"
            );
        }
    }

    #[test]
    fn verifier_is_clone_send_and_sync_and_debug_lists_kids() {
        fn assert_shareable<T: Clone + Send + Sync + 'static>() {}
        assert_shareable::<Verifier>();
        let (issuer, verifier) = setup();
        let debug = format!("{:?}", verifier.clone());
        assert!(
            debug.contains(issuer.kid()),
            "debug should list the kid: {debug}"
        );
    }
}
