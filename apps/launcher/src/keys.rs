//! Development keys under `DIR/keys/`: made on the first start, reused afterwards so that tokens
//! printed by an earlier run keep working.

use std::path::Path;

use anyhow::Context as _;
use rectify_kit::auth::{Issuer, KeyFiles};

/// Issuer name of the development keys; the services expect it in `iss`.
pub const DEV_ISSUER: &str = "rectify";

/// The issuer whose files are in `dir`, generating and writing a new one when there are none.
pub fn dev_issuer(dir: &Path) -> anyhow::Result<(Issuer, KeyFiles)> {
    let files = KeyFiles::in_dir(dir);
    if !files.exists() {
        let issuer = Issuer::generate(DEV_ISSUER)?;
        let files = issuer
            .write_files(dir)
            .with_context(|| format!("cannot write development keys to {}", dir.display()))?;
        tracing::info!(kid = issuer.kid(), dir = %dir.display(), "development keys made");
        return Ok((issuer, files));
    }
    let issuer = Issuer::load_files(dir)
        .with_context(|| format!("cannot load development keys from {}", dir.display()))?;
    if !files.jwks.exists() {
        std::fs::write(&files.jwks, issuer.public_jwks_json())
            .with_context(|| format!("cannot write {}", files.jwks.display()))?;
    }
    tracing::info!(kid = issuer.kid(), dir = %dir.display(), "development keys reused");
    Ok((issuer, files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_made_once_and_then_reused() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let keys = dir.path().join("keys");
        let (first, files) = dev_issuer(&keys).expect("first start makes keys");
        assert!(files.jwks.exists(), "the public key set is written");
        let (second, _) = dev_issuer(&keys).expect("second start loads keys");
        assert_eq!(first.kid(), second.kid(), "the same key is reused");
    }
}
