//! `rectifyctl probe`, the containers' health check, against a real registry: SERVING once
//! migrated, found through an endpoint or through the service's own RECTIFY_LISTEN; a port
//! where nothing listens fails with exit status 1.

use rectify_testkit::{Backend, TestDb, TestKeys, on_both_backends};

use crate::common::{endpoint, start_registry};

async fn probe(args: &[&str], listen: Option<&str>) -> std::process::Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_rectifyctl"));
    command.arg("probe").args(args).env_remove("RECTIFY_LISTEN");
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

on_both_backends!(a_serving_registry_passes_the_probe_and_a_closed_port_fails_it);
