//! `rectifyctl audit verify --anchor-from`: the registry's chain checked against the head the
//! coordinator recorded while following its feed. Entries deleted from the end together with a
//! rewritten head row look whole on their own, and are caught and named against that record.

use std::time::Duration;

use rectify_campaign::ServiceName;
use rectify_coordinator::Coordinator;
use rectify_kit::clock::Clock;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_testkit::workitems::spawn_following_all;
use rectify_testkit::{Backend, TestService, authorized, on_both_backends};

use crate::common::{Intrusion as _, Registry, endpoint, rectifyctl};

/// Waits until the coordinator has applied the registry's feed up to `head`.
async fn wait_for_anchor(coordinator: &TestService<Coordinator>, head: i64) {
    let mut client = CoordinatorServiceClient::new(coordinator.channel());
    for _ in 0..600 {
        let anchors = client
            .get_audit_anchors(authorized(
                pb::GetAuditAnchorsRequest {
                    service: "registry".into(),
                },
                &coordinator.office(),
            ))
            .await
            .expect("anchors")
            .into_inner()
            .anchors;
        if anchors.first().is_some_and(|a| a.seq == head) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the coordinator never applied the registry's feed up to {head}");
}

async fn a_tail_deleted_with_its_head_rewritten_is_caught_against_the_coordinators_record(
    backend: Backend,
) {
    let Some(registry) = Registry::spawn(backend).await else {
        return;
    };
    let coordinator = spawn_following_all::<Coordinator>(
        backend,
        registry.keys.clone(),
        &[(ServiceName::Registry, registry.server.addr)],
        &Clock::system(),
    )
    .await
    .expect("the backend the registry runs on");
    let head = registry.report_findings(4).await;
    wait_for_anchor(&coordinator, head).await;
    let verify = |anchor_token: String| {
        let registry_endpoint = endpoint(&registry.server);
        let coordinator_endpoint = endpoint(&coordinator.server);
        let office = registry.office();
        async move {
            rectifyctl(
                &[
                    "audit",
                    "verify",
                    "--endpoint",
                    &registry_endpoint,
                    "--anchor-from",
                    &coordinator_endpoint,
                    "--anchor-service",
                    "registry",
                    "--anchor-token",
                    &anchor_token,
                ],
                Some(&office),
            )
            .await
        }
    };
    let untouched = verify(coordinator.office()).await;
    assert_eq!(
        untouched.status.code(),
        Some(0),
        "an untouched chain: {untouched:?}"
    );

    // An intruder removes the last two entries and sets the head row to the one before.
    let deleted = registry
        .tamper("DELETE FROM journal WHERE seq > (SELECT MAX(seq) - 2 FROM journal)")
        .await;
    assert_eq!(deleted, 2, "the last two entries are gone");
    registry
        .tamper(
            "UPDATE journal_head SET seq = (SELECT MAX(seq) FROM journal), \
             hash = (SELECT hash FROM journal WHERE seq = (SELECT MAX(seq) FROM journal))",
        )
        .await;
    let alone = rectifyctl(
        &["audit", "verify", "--endpoint", &endpoint(&registry.server)],
        Some(&registry.office()),
    )
    .await;
    assert_eq!(
        alone.status.code(),
        Some(0),
        "on its own the chain looks whole: {alone:?}"
    );

    let output = verify(coordinator.office()).await;
    assert_eq!(
        output.status.code(),
        Some(1),
        "caught against the coordinator: {output:?}"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "chain ends at seq {} but seq {head} was recorded earlier: entries {} to {head} were removed\n",
            head - 2,
            head - 1
        ),
        "the missing entries are named"
    );

    let refused = verify(coordinator.township("yuelai")).await;
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a township may not read the anchors: {refused:?}"
    );
    coordinator.server.shutdown().await;
    registry.server.shutdown().await;
}

on_both_backends!(a_tail_deleted_with_its_head_rewritten_is_caught_against_the_coordinators_record);
