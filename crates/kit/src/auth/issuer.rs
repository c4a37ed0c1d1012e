//! Mints tokens with an Ed25519 key and publishes its public half as a JWK set; reads and writes
//! the key files used by `rectifyctl keys` and the all-in-one launcher.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, anyhow, ensure};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::spki::der::zeroize::Zeroizing;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey, KeypairBytes};
use jsonwebtoken::jwk::{
    AlgorithmParameters, CommonParameters, EllipticCurve, Jwk, JwkSet, KeyAlgorithm,
    OctetKeyPairParameters, OctetKeyPairType, PublicKeyUse,
};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::claims::Claims;
use super::principal::PartyKind;

/// What a token should say: who, for which party, with which roles, for which services, how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRequest {
    /// The person or service account.
    pub subject: String,
    /// The party acted for.
    pub party: String,
    /// The kind of that party.
    pub kind: PartyKind,
    /// Roles within the party.
    pub roles: Vec<String>,
    /// The services the token is for (its `aud`), at least one; e.g.
    /// [`SERVICE_AUDIENCES`](super::SERVICE_AUDIENCES) for all of them.
    pub audiences: Vec<String>,
    /// How long the token stays valid, at least one second.
    pub lifetime: Duration,
}

/// Where an issuer's key files live inside a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFiles {
    /// `issuer.pem`: the Ed25519 private key, PKCS#8 v1 PEM (RFC 8410, as `openssl` writes it),
    /// mode 0600. Secret.
    pub private_pem: PathBuf,
    /// `issuer.json`: `{"kid": …, "issuer": …}`.
    pub meta: PathBuf,
    /// `jwks.json`: the public key set the services load.
    pub jwks: PathBuf,
}

impl KeyFiles {
    /// The key files inside `dir`.
    pub fn in_dir(dir: &Path) -> KeyFiles {
        KeyFiles {
            private_pem: dir.join("issuer.pem"),
            meta: dir.join("issuer.json"),
            jwks: dir.join("jwks.json"),
        }
    }

    /// Whether a private key has already been written there.
    pub fn exists(&self) -> bool {
        self.private_pem.exists()
    }
}

/// The contents of `issuer.json`.
#[derive(Serialize, Deserialize)]
struct IssuerMeta {
    kid: String,
    issuer: String,
}

/// Signs tokens. Holds the private key: its `Debug` shows only `kid` and issuer name.
pub struct Issuer {
    signing_key: SigningKey,
    encoding_key: EncodingKey,
    private_pem: Zeroizing<String>,
    kid: String,
    issuer: String,
}

impl fmt::Debug for Issuer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Issuer")
            .field("kid", &self.kid)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl Issuer {
    /// A new random key for `issuer`; its `kid` is the first 16 hex digits of the SHA-256 of
    /// the public key.
    pub fn generate(issuer: &str) -> anyhow::Result<Issuer> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut_slice())
            .map_err(|e| anyhow!("cannot draw random bytes for a key: {e}"))?;
        let signing_key = SigningKey::from_bytes(&seed);
        let digest = Sha256::digest(signing_key.verifying_key().as_bytes());
        let kid = hex::encode(&digest[..8]);
        Issuer::new(signing_key, kid, issuer)
    }

    /// The issuer whose Ed25519 private key is `pem` (PKCS#8 `PRIVATE KEY`, v1 as written now or
    /// v2 with the public key attached as written before), published under `kid`.
    pub fn from_private_pem(pem: &str, kid: &str, issuer: &str) -> anyhow::Result<Issuer> {
        let signing_key =
            SigningKey::from_pkcs8_pem(pem).context("read Ed25519 private key (PKCS#8 PEM)")?;
        Issuer::new(signing_key, kid.to_owned(), issuer)
    }

    fn new(signing_key: SigningKey, kid: String, issuer: &str) -> anyhow::Result<Issuer> {
        ensure!(!kid.trim().is_empty(), "key id (kid) must not be empty");
        ensure!(!issuer.trim().is_empty(), "issuer name must not be empty");
        // PKCS#8 v1 (RFC 8410 without the optional public key): OpenSSL and Python's
        // `cryptography` read it, while they refuse the v2 encoding ed25519-dalek writes.
        let private_key = KeypairBytes {
            secret_key: signing_key.to_bytes(),
            public_key: None,
        };
        let der = private_key
            .to_pkcs8_der()
            .context("encode private key as PKCS#8")?;
        let private_pem = private_key
            .to_pkcs8_pem(LineEnding::LF)
            .context("encode private key as PEM")?;
        Ok(Issuer {
            encoding_key: EncodingKey::from_ed_der(der.as_bytes()),
            signing_key,
            private_pem,
            kid,
            issuer: issuer.to_owned(),
        })
    }

    /// The key id put in every token header and in the published key.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The issuer name put in every token's `iss`.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The private key as PKCS#8 v1 PEM. Secret: write it to a 0600 file, never to a log.
    pub fn private_pem(&self) -> String {
        self.private_pem.to_string()
    }

    /// The raw 32-byte Ed25519 public key.
    pub fn public_key_bytes(&self) -> [u8; 32] {
        self.signing_key.verifying_key().to_bytes()
    }

    fn public_x(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.signing_key.verifying_key().as_bytes())
    }

    /// The public key as a one-key JWK set (OKP, Ed25519, EdDSA, `use: sig`).
    pub fn public_jwk_set(&self) -> JwkSet {
        let common = CommonParameters {
            public_key_use: Some(PublicKeyUse::Signature),
            key_algorithm: Some(KeyAlgorithm::EdDSA),
            key_id: Some(self.kid.clone()),
            ..CommonParameters::default()
        };
        let algorithm = AlgorithmParameters::OctetKeyPair(OctetKeyPairParameters {
            key_type: OctetKeyPairType::OctetKeyPair,
            curve: EllipticCurve::Ed25519,
            x: self.public_x(),
        });
        JwkSet {
            keys: vec![Jwk { common, algorithm }],
        }
    }

    /// [`Issuer::public_jwk_set`] as JSON, the contents of `jwks.json`.
    pub fn public_jwks_json(&self) -> String {
        let key = serde_json::json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "x": self.public_x(),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        });
        format!("{:#}\n", serde_json::json!({ "keys": [key] }))
    }

    /// A token for `request`, valid from now for `request.lifetime`.
    pub fn mint(&self, request: &TokenRequest) -> anyhow::Result<String> {
        ensure!(
            !request.subject.trim().is_empty(),
            "token subject must not be empty"
        );
        ensure!(
            !request.party.trim().is_empty(),
            "token party must not be empty"
        );
        ensure!(
            !request.audiences.is_empty(),
            "a token must name at least one audience (the services it is for)"
        );
        ensure!(
            request.audiences.iter().all(|a| !a.trim().is_empty()),
            "token audiences must not be empty"
        );
        ensure!(
            request.lifetime.as_secs() >= 1,
            "token lifetime must be at least one second"
        );
        let now = chrono::Utc::now().timestamp();
        let exp = i64::try_from(request.lifetime.as_secs())
            .ok()
            .and_then(|secs| now.checked_add(secs))
            .context("token lifetime is too long")?;
        self.sign(&Claims {
            iss: self.issuer.clone(),
            sub: request.subject.clone(),
            aud: request.audiences.clone(),
            exp,
            iat: now,
            nbf: None,
            party: request.party.clone(),
            kind: request.kind,
            roles: request.roles.clone(),
        })
    }

    /// Signs `claims` as they are (EdDSA, header `kid`). [`Issuer::mint`] is the usual way; this
    /// one lets tests and tools sign claims a verifier must refuse.
    pub fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding_key).context("sign token")
    }

    /// Writes `issuer.pem` (0600 on unix), `issuer.json` and `jwks.json` into `dir`, creating it.
    /// Refuses to replace an existing private key: that would void every token in circulation.
    pub fn write_files(&self, dir: &Path) -> anyhow::Result<KeyFiles> {
        fs::create_dir_all(dir)
            .with_context(|| format!("create key directory {}", dir.display()))?;
        let files = KeyFiles::in_dir(dir);
        write_secret(&files.private_pem, self.private_pem.as_bytes())?;
        let meta = IssuerMeta {
            kid: self.kid.clone(),
            issuer: self.issuer.clone(),
        };
        let meta_json = serde_json::to_string_pretty(&meta).context("encode issuer.json")?;
        fs::write(&files.meta, meta_json + "\n")
            .with_context(|| format!("write {}", files.meta.display()))?;
        fs::write(&files.jwks, self.public_jwks_json())
            .with_context(|| format!("write {}", files.jwks.display()))?;
        Ok(files)
    }

    /// The issuer whose files [`Issuer::write_files`] wrote into `dir`.
    pub fn load_files(dir: &Path) -> anyhow::Result<Issuer> {
        let files = KeyFiles::in_dir(dir);
        let meta = fs::read_to_string(&files.meta)
            .with_context(|| format!("read {}", files.meta.display()))?;
        let meta: IssuerMeta = serde_json::from_str(&meta)
            .with_context(|| format!("parse {}", files.meta.display()))?;
        let pem = Zeroizing::new(
            fs::read_to_string(&files.private_pem)
                .with_context(|| format!("read {}", files.private_pem.display()))?,
        );
        Issuer::from_private_pem(&pem, &meta.kid, &meta.issuer)
            .with_context(|| format!("load {}", files.private_pem.display()))
    }
}

/// Creates `path` (never replacing a file) readable by its owner only, and writes `contents`.
pub(crate) fn write_secret(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).with_context(|| {
        format!(
            "create {} (an existing key is never replaced)",
            path.display()
        )
    })?;
    file.write_all(contents)
        .with_context(|| format!("write {}", path.display()))?;
    file.sync_all()
        .with_context(|| format!("sync {}", path.display()))
}

#[cfg(test)]
mod tests {
    use ed25519_dalek::pkcs8::{PrivateKeyInfo, SecretDocument};

    use super::*;
    use crate::auth::Verifier;

    /// Spoils one field of an otherwise valid request.
    type Spoil = fn(&mut TokenRequest);

    fn clerk_request(audiences: &[&str]) -> TokenRequest {
        TokenRequest {
            subject: "wang.wu".to_owned(),
            party: "water".to_owned(),
            kind: PartyKind::Bureau,
            roles: vec!["clerk".to_owned()],
            audiences: audiences.iter().map(|a| (*a).to_owned()).collect(),
            lifetime: Duration::from_secs(600),
        }
    }

    /// The PKCS#8 structure inside a `PRIVATE KEY` PEM, and its DER bytes.
    fn pkcs8_der(pem: &str) -> SecretDocument {
        let (label, der) = SecretDocument::from_pem(pem).expect("PEM decodes");
        assert_eq!(label, "PRIVATE KEY", "PKCS#8 PEM label");
        der
    }

    fn scratch_dir(label: &str) -> PathBuf {
        let mut salt = [0u8; 8];
        getrandom::fill(&mut salt).expect("random salt");
        let name = format!(
            "rectify-auth-{label}-{}-{}",
            std::process::id(),
            hex::encode(salt)
        );
        std::env::temp_dir().join(name)
    }

    #[test]
    fn published_key_is_an_ed25519_okp_jwk_with_kid_alg_and_use() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let json: serde_json::Value =
            serde_json::from_str(&issuer.public_jwks_json()).expect("jwks.json is JSON");
        let key = &json["keys"][0];
        for (field, expected) in [
            ("kty", "OKP"),
            ("crv", "Ed25519"),
            ("alg", "EdDSA"),
            ("use", "sig"),
        ] {
            assert_eq!(key[field], expected, "jwk field {field}");
        }
        assert_eq!(
            key["kid"],
            issuer.kid(),
            "jwk kid should be the issuer's kid"
        );
        let x = key["x"].as_str().expect("x is a string");
        let raw = URL_SAFE_NO_PAD
            .decode(x)
            .expect("x is base64url without padding");
        assert_eq!(raw.len(), 32, "x should hold the 32-byte public key");
        assert_eq!(issuer.kid().len(), 16, "a generated kid is 16 hex digits");
        assert!(
            key.get("d").is_none(),
            "the private key must never be published"
        );
    }

    #[test]
    fn jwks_json_and_typed_jwk_set_describe_the_same_key() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let parsed: JwkSet =
            serde_json::from_str(&issuer.public_jwks_json()).expect("jwks.json parses");
        assert_eq!(parsed, issuer.public_jwk_set(), "both forms should agree");
    }

    #[test]
    fn private_pem_round_trips_to_the_same_public_key() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let pem = issuer.private_pem();
        assert!(
            pem.starts_with("-----BEGIN PRIVATE KEY-----"),
            "PKCS#8 PEM label"
        );
        let again = Issuer::from_private_pem(&pem, issuer.kid(), "rectify").expect("load pem");
        assert_eq!(
            again.public_jwks_json(),
            issuer.public_jwks_json(),
            "same public key"
        );
    }

    #[test]
    fn private_pem_is_pkcs8_version_1_without_the_public_key() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let der = pkcs8_der(&issuer.private_pem());
        // OneAsymmetricKey ::= SEQUENCE { version INTEGER (0 = v1, 1 = v2), … } (RFC 5958).
        assert_eq!(
            der.as_bytes().get(2..5),
            Some([0x02, 0x01, 0x00].as_slice()),
            "the version field should be INTEGER 0 (v1)"
        );
        let info = PrivateKeyInfo::try_from(der.as_bytes()).expect("PKCS#8 structure");
        assert!(
            !info.version().has_public_key() && info.public_key.is_none(),
            "v1 carries no public key: {:?}",
            info.version()
        );
    }

    #[test]
    fn key_files_in_the_earlier_v2_encoding_still_load() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        // What earlier versions wrote: ed25519-dalek's own encoding, the public key attached.
        let v2 = issuer
            .signing_key
            .to_pkcs8_pem(LineEnding::LF)
            .expect("encode v2");
        let der = pkcs8_der(&v2);
        let info = PrivateKeyInfo::try_from(der.as_bytes()).expect("PKCS#8");
        assert!(
            info.version().has_public_key(),
            "the fixture should be v2: {:?}",
            info.version()
        );
        let loaded = Issuer::from_private_pem(&v2, issuer.kid(), "rectify").expect("load v2");
        assert_eq!(
            loaded.public_jwks_json(),
            issuer.public_jwks_json(),
            "a v2 file gives the same key"
        );
        let again = Issuer::from_private_pem(&loaded.private_pem(), issuer.kid(), "rectify")
            .expect("load the v1 rewrite");
        assert_eq!(
            again.public_jwks_json(),
            issuer.public_jwks_json(),
            "and so does its v1 form"
        );
    }

    #[test]
    fn debug_shows_kid_and_issuer_but_no_secret() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let debug = format!("{issuer:?}");
        assert!(
            debug.contains(issuer.kid()) && debug.contains("rectify"),
            "kid, issuer: {debug}"
        );
        let pem = issuer.private_pem();
        let body = pem.lines().nth(1).expect("pem has a body line");
        assert!(
            !debug.contains(body) && !debug.contains("PRIVATE"),
            "no secret: {debug}"
        );
    }

    #[test]
    fn mint_refuses_requests_that_cannot_make_a_usable_token() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let cases: [(&str, Spoil); 5] = [
            ("empty subject", |r| r.subject.clear()),
            ("empty party", |r| r.party.clear()),
            ("no audience", |r| r.audiences.clear()),
            ("a blank audience", |r| r.audiences.push(" ".to_owned())),
            ("zero lifetime", |r| r.lifetime = Duration::ZERO),
        ];
        for (label, spoil) in cases {
            let mut request = clerk_request(&["utilities"]);
            spoil(&mut request);
            assert!(issuer.mint(&request).is_err(), "{label} should be refused");
        }
    }

    #[test]
    fn an_empty_audience_list_is_refused_at_minting_and_says_why() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let error = issuer
            .mint(&clerk_request(&[]))
            .expect_err("a token for no service must not be minted");
        assert!(
            error.to_string().contains("at least one audience"),
            "the refusal should say an audience is needed: {error}"
        );
    }

    #[test]
    fn minted_token_names_every_audience_asked_for_as_an_array() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let token = issuer
            .mint(&clerk_request(&["registry", "utilities"]))
            .expect("mint");
        let claims: serde_json::Value =
            jsonwebtoken::dangerous::insecure_decode_claims(&token).expect("claims");
        assert_eq!(
            claims["aud"],
            serde_json::json!(["registry", "utilities"]),
            "aud should list both services, in order, as a JSON array"
        );
    }

    #[test]
    fn minted_token_names_its_kid_and_lasts_its_lifetime() {
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let token = issuer.mint(&clerk_request(&["utilities"])).expect("mint");
        let header = jsonwebtoken::decode_header(&token).expect("header");
        assert_eq!(header.alg, Algorithm::EdDSA, "tokens are signed with EdDSA");
        assert_eq!(header.kid.as_deref(), Some(issuer.kid()), "header kid");
        let claims: Claims =
            jsonwebtoken::dangerous::insecure_decode_claims(&token).expect("claims");
        assert_eq!(claims.exp - claims.iat, 600, "exp should be iat + lifetime");
        assert_eq!(claims.iss, "rectify", "iss should be the issuer name");
    }

    #[test]
    fn files_written_then_loaded_give_an_issuer_whose_tokens_the_loaded_jwks_verifies() {
        let dir = scratch_dir("files");
        let issuer = Issuer::generate("rectify").expect("generate issuer");
        let files = issuer.write_files(&dir).expect("write key files");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&files.private_pem)
                .expect("pem metadata")
                .permissions();
            assert_eq!(mode.mode() & 0o777, 0o600, "issuer.pem must be owner-only");
        }
        let loaded = Issuer::load_files(&dir).expect("load key files");
        assert_eq!(loaded.kid(), issuer.kid(), "kid survives the files");
        let verifier =
            Verifier::from_jwks_file(&files.jwks, "rectify", "utilities").expect("load jwks");
        let token = loaded.mint(&clerk_request(&["utilities"])).expect("mint");
        let principal = verifier
            .verify(&token)
            .expect("loaded jwks verifies loaded issuer");
        assert_eq!(
            principal.actor(),
            "water/wang.wu",
            "principal from the token"
        );
        let again = issuer.write_files(&dir);
        fs::remove_dir_all(&dir).expect("clean up");
        assert!(
            again.is_err(),
            "an existing private key must never be overwritten"
        );
    }
}
