//! `rectifyctl tls init` and `tls client` make certificates a service serves mutual TLS with,
//! and `rectifyctl` reaches it over https with `--ca`, `--cert` and `--key`; without a client
//! certificate it is refused. `audit verify` prints the head ready to paste after
//! `--expect-head`, and a pasted head verifies. Errors read once.

use std::path::Path;

use rectify_kit::auth::PartyKind;
use rectify_kit::tls::ClientTls;
use rectify_testkit::{Backend, TestDb, TestKeys, on_both_backends};

use crate::common::rectifyctl;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

async fn certificates_from_the_binary_serve_mutual_tls_and_rectifyctl_calls_over_it(
    backend: Backend,
) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let tls = dir.path().join("tls");
    let init = rectifyctl(
        &[
            "tls",
            "init",
            "--dir",
            path(&tls),
            "--host",
            "rectify.county.internal",
        ],
        None,
    )
    .await;
    assert!(init.status.success(), "tls init succeeds: {init:?}");
    let printed = text(&init.stdout);
    for expected in [
        "ca.pem",
        "registry.pem",
        "coordinator-key.pem",
        "rectify.county.internal",
    ] {
        assert!(
            printed.contains(expected),
            "tls init names {expected}: {printed}"
        );
    }
    #[cfg(unix)]
    for key in ["ca-key.pem", "registry-key.pem"] {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(tls.join(key))
            .expect("key file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{key} is readable by its owner only");
    }
    let again = rectifyctl(&["tls", "init", "--dir", path(&tls)], None).await;
    assert!(
        !again.status.success() && text(&again.stderr).contains("already holds a CA"),
        "a second init never replaces the CA: {again:?}"
    );
    let client = rectifyctl(
        &["tls", "client", "--dir", path(&tls), "--name", "water"],
        None,
    )
    .await;
    assert!(client.status.success(), "tls client succeeds: {client:?}");

    let keys = TestKeys::new();
    let mut args = rectify_testkit::args(&db.url, &keys.jwks_path);
    args.tls.tls_cert = Some(tls.join("registry.pem"));
    args.tls.tls_key = Some(tls.join("registry-key.pem"));
    args.tls.tls_client_ca = Some(tls.join("ca.pem"));
    let harness = ClientTls::from_files(
        Some(&tls.join("ca.pem")),
        Some(&tls.join("water.pem")),
        Some(&tls.join("water-key.pem")),
    )
    .expect("client TLS");
    let server =
        rectify_testkit::start_tls::<rectify_registry::Registry>(args, Some(harness)).await;
    let url = server.url();
    let office = keys.token("registry", "office", PartyKind::Office, &["pii"]);

    let ca = tls.join("ca.pem");
    let cert = tls.join("water.pem");
    let key = tls.join("water-key.pem");
    let with_certificate = [
        "--endpoint",
        &url,
        "--ca",
        path(&ca),
        "--cert",
        path(&cert),
        "--key",
        path(&key),
    ];
    let mut verify = vec!["audit", "verify"];
    verify.extend(with_certificate);
    let verified = rectifyctl(&verify, Some(&office)).await;
    assert_eq!(
        verified.status.code(),
        Some(0),
        "verified over mutual TLS: {verified:?}"
    );
    let printed = text(&verified.stdout);
    let pasted = printed
        .lines()
        .find_map(|line| line.strip_prefix("--expect-head "))
        .unwrap_or_else(|| panic!("a line `--expect-head SEQ:HASH` to paste: {printed}"))
        .to_owned();
    assert!(
        printed.contains(&format!("head {pasted}")),
        "the value to paste is the head it reports: {printed}"
    );
    let mut again = verify.clone();
    again.extend(["--expect-head", &pasted]);
    let rechecked = rectifyctl(&again, Some(&office)).await;
    assert_eq!(
        rechecked.status.code(),
        Some(0),
        "the pasted head verifies: {rechecked:?}"
    );

    let without_certificate = rectifyctl(
        &["audit", "verify", "--endpoint", &url, "--ca", path(&ca)],
        Some(&office),
    )
    .await;
    assert_eq!(
        without_certificate.status.code(),
        Some(2),
        "refused without a client certificate: {without_certificate:?}"
    );
    assert!(without_certificate.stdout.is_empty(), "nothing verified");
    server.shutdown().await;
}

on_both_backends!(certificates_from_the_binary_serve_mutual_tls_and_rectifyctl_calls_over_it);

#[tokio::test]
async fn a_mistyped_endpoint_is_explained_once() {
    for endpoint in [
        "127.0.0.1:50051",
        "http://127.0.0.1 :50051",
        "https://127.0.0.1:1",
    ] {
        let output = rectifyctl(
            &["feed", "tail", "--endpoint", endpoint, "--token", "t.t.t"],
            None,
        )
        .await;
        assert_eq!(
            output.status.code(),
            Some(2),
            "{endpoint}: fails: {output:?}"
        );
        let stderr = text(&output.stderr);
        let line = stderr.trim_end();
        assert!(
            line.starts_with("rectifyctl: error: ") && !line.contains('\n'),
            "{endpoint}: one line: {stderr}"
        );
        let parts: Vec<&str> = line.split(": ").collect();
        for (i, part) in parts.iter().enumerate() {
            assert!(
                !parts[i + 1..].contains(part),
                "{endpoint}: {part:?} is said twice: {line}"
            );
        }
        assert!(
            line.contains("127.0.0.1"),
            "{endpoint}: the endpoint is named: {line}"
        );
    }
}
