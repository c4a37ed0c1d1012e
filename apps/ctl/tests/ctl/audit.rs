//! `verify_audit` against a real registry: an untouched chain verifies, and an
//! altered, deleted or truncated record is reported where it happened.

use rectify_ctl::{AuditReport, verify_audit};
use rectify_kit::journal::{ChainBreak, GENESIS_HASH};
use rectify_testkit::{Backend, on_both_backends};

use crate::common::{Intrusion as _, Registry, endpoint, rectifyctl};

/// Enough findings for a first, a middle and a last journal entry.
const FINDINGS: usize = 3;

/// A registry with `FINDINGS` reported and sequenced, and its head.
async fn registry_with_findings(backend: Backend) -> Option<(Registry, i64)> {
    let registry = Registry::spawn(backend).await?;
    let head = registry.report_findings(FINDINGS).await;
    assert!(
        head >= FINDINGS as i64,
        "each finding should leave at least one journal entry, head is {head}"
    );
    Some((registry, head))
}

async fn verify(registry: &Registry) -> AuditReport {
    verify_audit(registry.server.channel(), &registry.office(), None)
        .await
        .expect("the audit chain can be checked")
}

async fn an_untouched_audit_chain_verifies(backend: Backend) {
    let Some((registry, head)) = registry_with_findings(backend).await else {
        return;
    };
    match verify(&registry).await {
        AuditReport::Intact { entries, head_hash } => {
            assert_eq!(entries, head, "every entry up to the head is verified");
            assert!(
                head_hash.len() == 64 && head_hash != GENESIS_HASH,
                "the head hash is the last entry's SHA-256: {head_hash}"
            );
        }
        broken => panic!("an untouched chain should verify, got: {broken}"),
    }
    registry.server.shutdown().await;
}

async fn an_altered_audit_row_is_reported_at_that_row(backend: Backend) {
    let Some((registry, _)) = registry_with_findings(backend).await else {
        return;
    };
    let altered = registry
        .tamper("UPDATE journal SET resource = 'enterprises/forged' WHERE seq = 2")
        .await;
    assert_eq!(altered, 1, "exactly the row with seq 2 is altered");
    assert_eq!(
        verify(&registry).await,
        AuditReport::Broken(ChainBreak::HashMismatch { seq: 2 }),
        "the altered row is named"
    );

    let output = rectifyctl(
        &["audit", "verify", "--endpoint", &endpoint(&registry.server)],
        Some(&registry.office()),
    )
    .await;
    assert_eq!(
        output.status.code(),
        Some(1),
        "a broken chain exits with 1: {output:?}"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "chain broken at seq 2: content does not match its hash (altered)\n",
        "the binary prints the break"
    );
    registry.server.shutdown().await;
}

async fn a_deleted_middle_row_is_reported_where_it_was(backend: Backend) {
    let Some((registry, _)) = registry_with_findings(backend).await else {
        return;
    };
    let deleted = registry.tamper("DELETE FROM journal WHERE seq = 2").await;
    assert_eq!(deleted, 1, "exactly the row with seq 2 is deleted");
    assert_eq!(
        verify(&registry).await,
        AuditReport::Broken(ChainBreak::Missing {
            expected: 2,
            found: 3
        }),
        "the gap is reported where the row was"
    );
    registry.server.shutdown().await;
}

async fn a_deleted_tail_is_caught_by_the_head(backend: Backend) {
    let Some((registry, head)) = registry_with_findings(backend).await else {
        return;
    };
    let deleted = registry
        .tamper("DELETE FROM journal WHERE seq = (SELECT MAX(seq) FROM journal)")
        .await;
    assert_eq!(deleted, 1, "exactly the last row is deleted");
    assert_eq!(
        verify(&registry).await,
        AuditReport::Broken(ChainBreak::TruncatedTail {
            last: head - 1,
            head
        }),
        "the chain ends one short of the head"
    );
    registry.server.shutdown().await;
}

async fn a_tail_deleted_with_its_head_rewritten_is_caught_by_a_recorded_head(backend: Backend) {
    let Some((registry, head)) = registry_with_findings(backend).await else {
        return;
    };
    let AuditReport::Intact { head_hash, .. } = verify(&registry).await else {
        panic!("an untouched chain should verify");
    };
    let anchor = format!("{head}:{head_hash}");

    // An intruder removes the last entry and sets the head row to the one before.
    registry
        .tamper("DELETE FROM journal WHERE seq = (SELECT MAX(seq) FROM journal)")
        .await;
    registry
        .tamper(
            "UPDATE journal_head SET seq = (SELECT MAX(seq) FROM journal), \
             hash = (SELECT hash FROM journal WHERE seq = (SELECT MAX(seq) FROM journal))",
        )
        .await;
    assert!(
        verify(&registry).await.is_intact(),
        "without an outside record the shortened chain looks whole"
    );

    let output = rectifyctl(
        &[
            "audit",
            "verify",
            "--endpoint",
            &endpoint(&registry.server),
            "--expect-head",
            &anchor,
        ],
        Some(&registry.office()),
    )
    .await;
    assert_eq!(
        output.status.code(),
        Some(1),
        "caught against the recorded head: {output:?}"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!(
            "chain ends at seq {} but seq {head} was recorded earlier: entries {head} to {head} were removed\n",
            head - 1,
        ),
        "the binary names what is missing"
    );
    registry.server.shutdown().await;
}

on_both_backends!(
    a_tail_deleted_with_its_head_rewritten_is_caught_by_a_recorded_head,
    an_untouched_audit_chain_verifies,
    an_altered_audit_row_is_reported_at_that_row,
    a_deleted_middle_row_is_reported_where_it_was,
    a_deleted_tail_is_caught_by_the_head,
);
