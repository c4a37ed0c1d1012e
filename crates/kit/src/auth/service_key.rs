//! A service's own signing key on disk (`rectifyctl keys service`, the launcher): the private
//! key in `service-<name>.pem` beside the county's issuer key, its public half added to the
//! `jwks.json` the services load, under a `kid` bound to the service.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, ensure};

use super::credentials::{service_kid, service_of_kid};
use super::issuer::{Issuer, KeyFiles, write_secret};

/// The key `add_service_key` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceKey {
    /// `service-<name>.pem`: the private key, owner-only. Give it to that service alone
    /// (`RECTIFY_SERVICE_KEY_FILE`).
    pub private_pem: PathBuf,
    /// Its kid in `jwks.json`.
    pub kid: String,
}

/// Where `service`'s key is kept in the key directory `dir`.
pub fn service_key_file(dir: &Path, service: &str) -> PathBuf {
    dir.join(format!("service-{service}.pem"))
}

/// Makes a new key for `service` in `dir` and adds its public half to `dir/jwks.json`. A key
/// the service had before stays in the key set (remove it once the service runs on the new one:
/// that is the rotation); the old private file is kept as `service-<name>.pem.<old kid digest>`.
pub fn add_service_key(
    dir: &Path,
    service: &str,
    token_issuer: &str,
) -> anyhow::Result<ServiceKey> {
    ensure!(
        !service.is_empty() && service.chars().all(|c| c.is_ascii_lowercase()),
        "service name {service:?} must be one lowercase word (registry, utilities, …)"
    );
    let files = KeyFiles::in_dir(dir);
    let jwks = std::fs::read_to_string(&files.jwks).with_context(|| {
        format!(
            "read {} (run `rectifyctl keys init` first)",
            files.jwks.display()
        )
    })?;
    let mut set: serde_json::Value =
        serde_json::from_str(&jwks).with_context(|| format!("parse {}", files.jwks.display()))?;
    let probe = Issuer::generate(token_issuer)?;
    let kid = service_kid(service, &probe.public_key_bytes());
    let key = Issuer::from_private_pem(&probe.private_pem(), &kid, token_issuer)?;
    let public: serde_json::Value = serde_json::from_str(&key.public_jwks_json())?;
    let keys = set
        .get_mut("keys")
        .and_then(|k| k.as_array_mut())
        .context("the key set has no keys array")?;
    keys.extend(public["keys"].as_array().cloned().unwrap_or_default());
    let private_pem = service_key_file(dir, service);
    if private_pem.exists() {
        let retired = dir.join(format!(
            "service-{service}.pem.retired-{}",
            &kid[kid.len() - 8..]
        ));
        std::fs::rename(&private_pem, &retired)
            .with_context(|| format!("keep the old key as {}", retired.display()))?;
    }
    write_secret(&private_pem, key.private_pem().as_bytes())?;
    std::fs::write(&files.jwks, format!("{set:#}\n"))
        .with_context(|| format!("write {}", files.jwks.display()))?;
    Ok(ServiceKey { private_pem, kid })
}

/// The kids of `service`'s keys in the key set `jwks` (JSON).
pub fn service_kids(jwks: &str, service: &str) -> Vec<String> {
    let set: serde_json::Value = serde_json::from_str(jwks).unwrap_or_default();
    set["keys"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| k["kid"].as_str())
        .filter(|kid| service_of_kid(kid) == Some(service))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::auth::{Credentials, Verifier};

    #[test]
    fn a_service_key_added_to_the_key_set_signs_tokens_every_service_accepts() {
        let dir = tempfile::tempdir().expect("dir");
        Issuer::generate("rectify")
            .expect("issuer")
            .write_files(dir.path())
            .expect("county keys");
        let key = add_service_key(dir.path(), "coordinator", "rectify").expect("service key");
        let pem = std::fs::read_to_string(&key.private_pem).expect("pem");
        let credentials =
            Credentials::from_service_key(&pem, "coordinator", "rectify", Duration::from_secs(60))
                .expect("credentials");
        let jwks = dir.path().join("jwks.json");
        let verifier = Verifier::from_jwks_file(&jwks, "rectify", "registry").expect("verifier");
        let principal = verifier
            .verify(&credentials.bearer().expect("token"))
            .expect("accepted");
        assert_eq!(
            principal.actor(),
            "coordinator/coordinator",
            "the service itself"
        );
        let again = add_service_key(dir.path(), "coordinator", "rectify").expect("rotated");
        let kids = service_kids(
            &std::fs::read_to_string(&jwks).expect("jwks"),
            "coordinator",
        );
        assert_eq!(
            kids,
            vec![key.kid.clone(), again.kid],
            "old and new key both published"
        );
        assert!(
            Verifier::from_jwks_file(&jwks, "rectify", "registry")
                .expect("verifier")
                .verify(&credentials.bearer().expect("token"))
                .is_ok(),
            "the old key still works until removed"
        );
    }
}
