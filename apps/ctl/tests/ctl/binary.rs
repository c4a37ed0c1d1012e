//! The real `rectifyctl` binary: keys it makes and tokens it mints are the
//! ones a service accepts (by default every service), and it never overwrites a key.

use std::process::Command;

use rectify_kit::auth::{SERVICE_AUDIENCES, Verifier};
use rectify_proto::registry::v1::GetCampaignRequest;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_testkit::{Backend, TestDb, authorized, on_both_backends};

use crate::common::{endpoint, rectifyctl, start_registry};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn keys_and_a_token_from_the_binary_are_accepted_by_the_registry(backend: Backend) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let keys = dir.path().join("keys");
    let keys_arg = keys.to_str().expect("utf-8 path");

    let init = rectifyctl(&["keys", "init", "--dir", keys_arg], None).await;
    assert!(init.status.success(), "keys init succeeds: {init:?}");
    let printed = stdout(&init);
    let jwks: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(keys.join("jwks.json")).expect("jwks.json written"),
    )
    .expect("jwks.json is JSON");
    let kid = jwks["keys"][0]["kid"].as_str().expect("kid in jwks.json");
    for expected in [
        kid.to_owned(),
        keys.join("jwks.json").display().to_string(),
        keys.join("issuer.pem").display().to_string(),
    ] {
        assert!(
            printed.contains(&expected),
            "keys init should print {expected}: {printed}"
        );
    }
    let pem = std::fs::read_to_string(keys.join("issuer.pem")).expect("issuer.pem written");
    let secret_line = pem.lines().nth(1).expect("pem body");
    assert!(
        !printed.contains("PRIVATE KEY") && !printed.contains(secret_line),
        "keys init must never print the private key: {printed}"
    );

    let minted = rectifyctl(
        &[
            "token",
            "--keys",
            keys_arg,
            "--party",
            "office",
            "--kind",
            "office",
            "--role",
            "pii",
            "--ttl",
            "10m",
            "--subject",
            "li.si",
        ],
        None,
    )
    .await;
    assert!(minted.status.success(), "token succeeds: {minted:?}");
    let printed = stdout(&minted);
    let token = printed.strip_suffix('\n').expect("token ends its line");
    assert!(
        token.split('.').count() == 3 && !token.contains(char::is_whitespace),
        "stdout holds the token alone: {printed:?}"
    );
    for service in SERVICE_AUDIENCES {
        let verifier = Verifier::from_jwks_file(keys.join("jwks.json"), "rectify", service)
            .expect("load jwks.json");
        assert!(
            verifier.verify(token).is_ok(),
            "without --audience the token is for every service, {service} too"
        );
    }

    let server = start_registry(&db.url, &keys.join("jwks.json")).await;
    let campaign = RegistryServiceClient::new(server.channel())
        .get_campaign(authorized(GetCampaignRequest {}, token))
        .await
        .expect("the registry accepts the minted token")
        .into_inner();
    assert_eq!(campaign.code, "huachuan-2021", "the built-in campaign");

    let elsewhere = rectifyctl(
        &[
            "token",
            "--keys",
            keys_arg,
            "--party",
            "water",
            "--kind",
            "bureau",
            "--audience",
            "utilities,land",
        ],
        None,
    )
    .await;
    assert!(elsewhere.status.success(), "token succeeds: {elsewhere:?}");
    let refused = RegistryServiceClient::new(server.channel())
        .get_campaign(authorized(GetCampaignRequest {}, stdout(&elsewhere).trim()))
        .await
        .expect_err("a token for utilities and land only is not for the registry");
    assert_eq!(
        (refused.code(), refused.message()),
        (
            tonic::Code::Unauthenticated,
            rectify_kit::Text::from_bilingual(
                &rectify_kit::auth::AuthError::WrongAudience.to_string()
            )
            .en
            .as_str()
        ),
        "refused as a token for other services (the status message is the English text)"
    );

    let verified = rectifyctl(
        &["audit", "verify", "--endpoint", &endpoint(&server)],
        Some(token),
    )
    .await;
    assert_eq!(
        verified.status.code(),
        Some(0),
        "an intact chain exits with 0: {verified:?}"
    );
    assert_eq!(
        stdout(&verified),
        format!(
            "audit chain intact: 0 entries, head 0:{hash}\n\
             to check later that none of these entries changed or went missing, verify again with:\n\
             --expect-head 0:{hash}\n",
            hash = rectify_kit::journal::GENESIS_HASH
        ),
        "a fresh registry has an empty, intact chain"
    );
    server.shutdown().await;
}

on_both_backends!(keys_and_a_token_from_the_binary_are_accepted_by_the_registry);

#[test]
fn keys_init_refuses_to_overwrite_existing_keys() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let keys = dir.path().join("keys");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_rectifyctl"))
            .args(["keys", "init", "--dir"])
            .arg(&keys)
            .output()
            .expect("run rectifyctl")
    };
    let first = run();
    assert!(
        first.status.success(),
        "first keys init succeeds: {first:?}"
    );
    let pem = std::fs::read(keys.join("issuer.pem")).expect("issuer.pem written");

    let second = run();
    assert!(
        !second.status.success(),
        "second keys init must fail: {second:?}"
    );
    let message = String::from_utf8_lossy(&second.stderr);
    assert!(
        message.contains("already holds issuer keys") && message.contains("refusing to overwrite"),
        "the refusal should say why: {message}"
    );
    assert!(second.stdout.is_empty(), "nothing is printed as success");
    assert_eq!(
        std::fs::read(keys.join("issuer.pem")).expect("issuer.pem still there"),
        pem,
        "the first key is untouched"
    );
}
