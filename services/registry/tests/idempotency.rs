//! A retried request_id gives the first answer and one change; a stale etag
//! is ABORTED.

use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, finding};
use rectify_testkit::{Backend, authorized};
use rectify_testkit::{TestService, on_both_backends};
use tonic::Code;

type TestApp = TestService<Registry>;

async fn a_retried_request_id_gives_the_same_answer_and_one_change(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let token = app.township("yuelai");
    let first = app
        .report(&token, "same-request", finding("yuelai", "悦来镇宏达米业"))
        .await;
    let again = app
        .report(&token, "same-request", finding("yuelai", "悦来镇宏达米业"))
        .await;
    assert_eq!(first, again, "the retry returns the first answer");
    let enterprises = app.all_enterprises().await;
    assert_eq!(enterprises.len(), 1);
    assert_eq!(
        enterprises[0].finding_count, 1,
        "the retry added no finding"
    );
    assert_eq!(app.settled_head(1).await, 1, "one change in the feed");

    let concurrent: Vec<_> = (0..8)
        .map(|_| {
            let registry = app.registry();
            let token = token.clone();
            tokio::spawn(async move {
                let mut registry = registry;
                registry
                    .report_finding(authorized(
                        pb::ReportFindingRequest {
                            request_id: "racing".into(),
                            finding: Some(finding("yuelai", "悦来镇兴旺砖厂")),
                        },
                        &token,
                    ))
                    .await
                    .map(|r| r.into_inner())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in concurrent {
        answers.push(
            task.await
                .expect("task")
                .expect("concurrent retry succeeds"),
        );
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "every concurrent retry got the same answer"
    );
    assert_eq!(
        app.settled_head(2).await,
        2,
        "eight concurrent retries made one change"
    );
}

async fn a_request_id_reused_for_another_call_is_refused(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    let e = app
        .report(&office, "shared-id", finding("yuelai", "悦来镇宏达米业"))
        .await
        .enterprise
        .expect("e");
    let status = app
        .registry()
        .confirm_enterprise(authorized(
            pb::ConfirmEnterpriseRequest {
                request_id: "shared-id".into(),
                name: e.name,
                etag: String::new(),
            },
            &office,
        ))
        .await
        .expect_err("request_id of ReportFinding reused for ConfirmEnterprise");
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
}

async fn a_stale_etag_is_aborted(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    let e = app
        .report(&office, "r1", finding("yuelai", "悦来镇宏达米业"))
        .await
        .enterprise
        .expect("e");
    // A second finding of the same workshop changes the enterprise.
    let merged = app
        .report(
            &app.bureau("eco"),
            "r2",
            finding("yuelai", "悦来镇 宏达米业"),
        )
        .await;
    assert!(merged.merged, "same normalised name and address merges");
    let mut registry = app.registry();
    let status = registry
        .confirm_enterprise(authorized(
            pb::ConfirmEnterpriseRequest {
                request_id: "c1".into(),
                name: e.name.clone(),
                etag: e.etag.clone(),
            },
            &office,
        ))
        .await
        .expect_err("stale etag");
    assert_eq!(status.code(), Code::Aborted, "{status:?}");
    let fresh = merged.enterprise.expect("merged enterprise");
    let confirmed = registry
        .confirm_enterprise(authorized(
            pb::ConfirmEnterpriseRequest {
                request_id: "c2".into(),
                name: e.name.clone(),
                etag: fresh.etag.clone(),
            },
            &office,
        ))
        .await
        .expect("current etag")
        .into_inner();
    assert_eq!(confirmed.state(), pb::LifecycleState::Confirmed);
    assert_ne!(
        confirmed.etag, fresh.etag,
        "the etag changes with the enterprise"
    );
}

async fn concurrent_reports_of_one_workshop_merge_onto_one_enterprise(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let reports: Vec<_> = (0..8)
        .map(|i| {
            let mut registry = app.registry();
            let token = app.bureau("eco");
            tokio::spawn(async move {
                registry
                    .report_finding(authorized(
                        pb::ReportFindingRequest {
                            request_id: format!("distinct-{i}"),
                            finding: Some(finding("yuelai", "悦来镇无照米业")),
                        },
                        &token,
                    ))
                    .await
                    .expect("report")
                    .into_inner()
            })
        })
        .collect();
    let mut merged = 0;
    for report in reports {
        merged += usize::from(report.await.expect("task").merged);
    }
    let enterprises = app.all_enterprises().await;
    assert_eq!(enterprises.len(), 1, "one workshop, one enterprise");
    assert_eq!(enterprises[0].finding_count, 8, "every report kept");
    assert_eq!(merged, 7, "all but the first merged");
}

on_both_backends!(
    a_retried_request_id_gives_the_same_answer_and_one_change,
    a_request_id_reused_for_another_call_is_refused,
    a_stale_etag_is_aborted,
    concurrent_reports_of_one_workshop_merge_onto_one_enterprise,
);
