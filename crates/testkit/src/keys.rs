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

    /// A one-hour token for `party` of `kind` with `roles`, for the one service `audience`.
    pub fn token(&self, audience: &str, party: &str, kind: PartyKind, roles: &[&str]) -> String {
        self.token_for(&[audience], party, kind, roles)
    }

    /// A one-hour token for `party` of `kind` with `roles`, for every service in `audiences`
    /// (e.g. [`SERVICE_AUDIENCES`](rectify_kit::auth::SERVICE_AUDIENCES)).
    pub fn token_for(
        &self,
        audiences: &[&str],
        party: &str,
        kind: PartyKind,
        roles: &[&str],
    ) -> String {
        self.issuer
            .mint(&TokenRequest {
                subject: format!("{party}-tester"),
                party: party.to_owned(),
                kind,
                roles: roles.iter().map(|r| (*r).to_owned()).collect(),
                audiences: audiences.iter().map(|a| (*a).to_owned()).collect(),
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

#[cfg(test)]
mod tests {
    use rectify_kit::auth::Verifier;

    use super::*;

    fn verifier(keys: &TestKeys, audience: &str) -> Verifier {
        Verifier::from_jwks_file(&keys.jwks_path, TEST_ISSUER, audience).expect("verifier")
    }

    #[test]
    fn a_token_for_several_audiences_verifies_on_each_and_only_those() {
        let keys = TestKeys::new();
        let token = keys.token_for(&["registry", "utilities"], "water", PartyKind::Bureau, &[]);
        let cases = [("registry", true), ("utilities", true), ("land", false)];
        for (audience, accepted) in cases {
            assert_eq!(
                verifier(&keys, audience).verify(&token).is_ok(),
                accepted,
                "{audience} accepts the token: {accepted}"
            );
        }
    }

    #[test]
    fn a_token_for_one_audience_is_a_token_for_a_list_of_one() {
        let keys = TestKeys::new();
        let token = keys.token("registry", "office", PartyKind::Office, &["pii"]);
        let principal = verifier(&keys, "registry")
            .verify(&token)
            .expect("the registry accepts its token");
        assert!(principal.has_role("pii"), "roles are carried");
        assert!(
            verifier(&keys, "utilities").verify(&token).is_err(),
            "another service refuses it"
        );
    }
}
