//! A key set for one test and tokens for any party.

use std::path::PathBuf;
use std::time::Duration;

use rectify_kit::auth::{Issuer, PartyKind, TokenRequest};
use tempfile::TempDir;

/// Issuer name the test keys sign with.
pub const TEST_ISSUER: &str = "rectify";

/// An issuer and its public key set on disk.
#[derive(Debug)]
pub struct TestKeys {
    pub issuer: Issuer,
    pub jwks_path: PathBuf,
    _dir: TempDir,
}

impl TestKeys {
    pub fn new() -> TestKeys {
        let dir = tempfile::tempdir().expect("temporary directory");
        let issuer = Issuer::generate(TEST_ISSUER).expect("generate issuer");
        let files = issuer.write_files(dir.path()).expect("write key files");
        TestKeys {
            issuer,
            jwks_path: files.jwks,
            _dir: dir,
        }
    }

    /// A one-hour token for `party` of `kind` with `roles`, for `audience`.
    pub fn token(&self, audience: &str, party: &str, kind: PartyKind, roles: &[&str]) -> String {
        self.issuer
            .mint(&TokenRequest {
                subject: format!("{party}-tester"),
                party: party.to_owned(),
                kind,
                roles: roles.iter().map(|r| (*r).to_owned()).collect(),
                audience: audience.to_owned(),
                lifetime: Duration::from_secs(3600),
            })
            .expect("mint token")
    }
}

impl Default for TestKeys {
    fn default() -> Self {
        Self::new()
    }
}
