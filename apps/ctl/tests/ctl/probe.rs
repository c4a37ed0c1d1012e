//! `rectifyctl probe`, the containers' health check, against a real registry: SERVING once
//! migrated, found through an endpoint or through the service's own RECTIFY_LISTEN; a port
//! where nothing listens fails with exit status 1. A registry serving mutual TLS passes the
//! probe run with its container's TLS settings (RECTIFY_TLS_CERT, _KEY, _CA) and fails a
//! plain one.

use std::sync::Arc;

use rectify_testkit::{Backend, TestDb, TestKeys, TestService, TestTls, on_both_backends};

use crate::common::{endpoint, start_registry};

async fn probe(args: &[&str], listen: Option<&str>) -> std::process::Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_rectifyctl"));
    command.arg("probe").args(args);
    for variable in [
        "RECTIFY_LISTEN",
        "RECTIFY_TLS_CERT",
        "RECTIFY_TLS_KEY",
        "RECTIFY_TLS_CA",
        "RECTIFYCTL_CA",
    ] {
        command.env_remove(variable);
    }
    if let Some(listen) = listen {
        command.env("RECTIFY_LISTEN", listen);
    }
    command.output().await.expect("run rectifyctl probe")
}

async fn a_serving_registry_passes_the_probe_and_a_closed_port_fails_it(backend: Backend) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };
    let keys = TestKeys::new();
    let server = start_registry(&db.url, &keys.jwks_path).await;
    let url = endpoint(&server);

    let by_endpoint = probe(&["--endpoint", &url], None).await;
    assert!(by_endpoint.status.success(), "{backend:?}: {by_endpoint:?}");
    let printed = String::from_utf8_lossy(&by_endpoint.stdout);
    assert!(printed.contains("SERVING"), "{backend:?}: {printed}");

    let listen = format!("0.0.0.0:{}", server.addr.port());
    let by_listen = probe(&[], Some(&listen)).await;
    assert!(
        by_listen.status.success(),
        "{backend:?}: RECTIFY_LISTEN={listen}: {by_listen:?}"
    );

    let port = server.addr.port();
    server.shutdown().await;
    let closed = probe(&["--endpoint", &format!("http://127.0.0.1:{port}")], None).await;
    assert_eq!(
        closed.status.code(),
        Some(1),
        "{backend:?}: a stopped server is unhealthy: {closed:?}"
    );
}

async fn a_registry_serving_mutual_tls_passes_the_probe_with_its_own_tls_settings(
    backend: Backend,
) {
    let tls = TestTls::new();
    let Some(registry) = TestService::<rectify_registry::Registry>::spawn_tls(
        backend,
        Arc::new(TestKeys::new()),
        &tls,
        true,
        |_| {},
    )
    .await
    else {
        return;
    };
    let port = registry.server.addr.port();
    let own = tls.server("registry");
    let listen = format!("0.0.0.0:{port}");
    let run = |with_tls: bool| {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_rectifyctl"));
        command
            .arg("probe")
            .env("RECTIFY_LISTEN", &listen)
            .env_remove("RECTIFYCTL_CA");
        if with_tls {
            command
                .env("RECTIFY_TLS_CERT", &own.cert)
                .env("RECTIFY_TLS_KEY", &own.key)
                .env("RECTIFY_TLS_CA", &tls.ca);
        } else {
            for variable in ["RECTIFY_TLS_CERT", "RECTIFY_TLS_KEY", "RECTIFY_TLS_CA"] {
                command.env_remove(variable);
            }
        }
        command.output()
    };

    let over_tls = run(true).await.expect("run rectifyctl probe");
    assert!(over_tls.status.success(), "{backend:?}: {over_tls:?}");
    let printed = String::from_utf8_lossy(&over_tls.stdout);
    assert!(
        printed.contains(&format!("https://127.0.0.1:{port} SERVING")),
        "{backend:?}: asked over https: {printed}"
    );

    let plain = run(false).await.expect("run rectifyctl probe");
    assert_eq!(
        plain.status.code(),
        Some(1),
        "{backend:?}: a plain probe of a TLS port fails: {plain:?}"
    );

    let by_endpoint = probe(
        &[
            "--endpoint",
            &format!("https://127.0.0.1:{port}"),
            "--ca",
            tls.ca.to_str().expect("utf-8 path"),
            "--cert",
            tls.client.cert.to_str().expect("utf-8 path"),
            "--key",
            tls.client.key.to_str().expect("utf-8 path"),
        ],
        None,
    )
    .await;
    assert!(
        by_endpoint.status.success(),
        "{backend:?}: --endpoint https with --ca, --cert, --key: {by_endpoint:?}"
    );
}

on_both_backends!(
    a_serving_registry_passes_the_probe_and_a_closed_port_fails_it,
    a_registry_serving_mutual_tls_passes_the_probe_with_its_own_tls_settings
);
