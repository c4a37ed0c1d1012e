//! The change feed: every change exactly once, in order, under concurrent
//! writers and a watcher that keeps disconnecting and resuming; a restarted
//! server resumes a watcher from its cursor; trace context is recorded.

use std::collections::HashSet;
use std::time::Duration;

use rectify_proto::feed::v1::{Change, WatchChangesRequest};
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, finding, with_traceparent};
use rectify_testkit::{Backend, authorized};
use rectify_testkit::{TestService, on_both_backends};
use tokio_stream::StreamExt as _;

type TestApp = TestService<Registry>;

const WRITERS: usize = 16;
const REPORTS_PER_WRITER: usize = 25;

/// Reads up to `limit` changes after `after`, then hangs up.
async fn watch_some(app: &TestApp, after: i64, limit: usize) -> Vec<Change> {
    let mut stream = app
        .feed()
        .watch_changes(authorized(
            WatchChangesRequest {
                after,
                follow: true,
            },
            &app.service("coordinator"),
        ))
        .await
        .expect("watch")
        .into_inner();
    let mut out = Vec::new();
    while out.len() < limit {
        match tokio::time::timeout(Duration::from_secs(10), stream.next()).await {
            Ok(Some(Ok(change))) => out.push(change),
            Ok(Some(Err(status))) => panic!("feed error: {status:?}"),
            Ok(None) => panic!("a following stream ended"),
            Err(_) => break,
        }
    }
    out
}

async fn concurrent_writers_and_a_resuming_watcher_see_every_change_once(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let total = (WRITERS * REPORTS_PER_WRITER) as i64;
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let mut registry = app.registry();
            let token = app.office();
            tokio::spawn(async move {
                for i in 0..REPORTS_PER_WRITER {
                    let f = finding("xinghuo", &format!("星火乡第{w}组第{i}号作坊"));
                    registry
                        .report_finding(authorized(
                            pb::ReportFindingRequest {
                                request_id: format!("w{w}-{i}"),
                                finding: Some(f),
                            },
                            &token,
                        ))
                        .await
                        .expect("report");
                }
            })
        })
        .collect();

    let mut cursor = 0;
    let mut seen = Vec::new();
    let mut reconnects = 0;
    while cursor < total {
        // Hang up after a varying number of changes, as a flaky link would.
        let batch = watch_some(&app, cursor, 3 + (reconnects % 11)).await;
        reconnects += 1;
        assert!(reconnects < 10_000, "watcher made no progress");
        for change in batch {
            assert_eq!(
                change.seq,
                cursor + 1,
                "changes arrive in order without gaps"
            );
            cursor = change.seq;
            seen.push(change);
        }
    }
    for writer in writers {
        writer.await.expect("writer");
    }
    assert!(
        reconnects > 20,
        "the watcher resumed many times ({reconnects})"
    );
    let request_ids: HashSet<_> = seen.iter().map(|c| c.request_id.clone()).collect();
    assert_eq!(seen.len() as i64, total, "every change exactly once");
    assert_eq!(request_ids.len() as i64, total, "no change delivered twice");
    for w in 0..WRITERS {
        for i in 0..REPORTS_PER_WRITER {
            assert!(
                request_ids.contains(&format!("w{w}-{i}")),
                "change of w{w}-{i} missing"
            );
        }
    }
    let late = watch_some(&app, total, 1).await;
    assert!(late.is_empty(), "nothing after the last change");
}

async fn a_restarted_server_resumes_a_watcher_from_its_cursor(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    for i in 0..5 {
        app.report(
            &office,
            &format!("a{i}"),
            finding("yuelai", &format!("悦来镇第{i}米业")),
        )
        .await;
    }
    let first = watch_some(&app, 0, 3).await;
    let cursor = first.last().expect("three changes").seq;
    assert_eq!(cursor, 3);
    // All five sequenced before the watcher opens: the stream below must have
    // them all to deliver before the shutdown ends it.
    assert_eq!(app.settled_head(5).await, 5, "five changes sequenced");

    // A watcher still following must not hold up the shutdown.
    let mut open = app
        .feed()
        .watch_changes(authorized(
            WatchChangesRequest {
                after: 0,
                follow: true,
            },
            &app.service("coordinator"),
        ))
        .await
        .expect("watch")
        .into_inner();
    let app = tokio::time::timeout(Duration::from_secs(20), app.restart())
        .await
        .expect("shutdown drains while a watcher follows");
    let mut delivered = 0;
    while let Ok(Some(Ok(_))) = tokio::time::timeout(Duration::from_secs(5), open.next()).await {
        delivered += 1;
    }
    assert_eq!(
        delivered, 5,
        "the open stream got what was there, then ended with the server"
    );
    let office = app.office();
    for i in 5..7 {
        app.report(
            &office,
            &format!("a{i}"),
            finding("yuelai", &format!("悦来镇第{i}米业")),
        )
        .await;
    }
    let rest = watch_some(&app, cursor, 4).await;
    let seqs: Vec<_> = rest.iter().map(|c| c.seq).collect();
    assert_eq!(
        seqs,
        [4, 5, 6, 7],
        "resumed after the cursor, nothing lost or repeated"
    );
    assert_eq!(rest[3].request_id, "a6");
}

async fn the_callers_trace_is_recorded_with_the_change(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    let request = with_traceparent(
        authorized(
            pb::ReportFindingRequest {
                request_id: "t1".into(),
                finding: Some(finding("yuelai", "悦来镇宏达米业")),
            },
            &app.office(),
        ),
        trace_id,
    );
    app.registry()
        .report_finding(request)
        .await
        .expect("report");
    let change = watch_some(&app, 0, 1).await.pop().expect("one change");
    assert_eq!(
        change.trace_id, trace_id,
        "the server continued the caller's trace"
    );
    let event = change.event.as_ref().expect("the change carries its event");
    assert_eq!(
        event.type_url, "type.googleapis.com/rectify.registry.v1.FindingReported",
        "a typed event"
    );
    let reported: pb::FindingReported = event.to_msg().expect("decodes as FindingReported");
    assert!(
        reported.enterprise.is_some_and(|e| e.operator.is_none()),
        "no personal data on the feed"
    );
    assert_eq!(change.actor, "office/office-tester");
}

async fn a_client_span_continues_into_the_server(backend: Backend) {
    use tracing_opentelemetry::OpenTelemetrySpanExt as _;
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let span = tracing::info_span!("bureau system call");
    let expected = {
        use opentelemetry::trace::TraceContextExt as _;
        span.context().span().span_context().trace_id().to_string()
    };
    let mut client = rectify_proto::registry::v1::registry_service_client::RegistryServiceClient::with_interceptor(
        app.server.channel(),
        rectify_kit::telemetry::inject_trace_context,
    );
    let request = authorized(
        pb::ReportFindingRequest {
            request_id: "t2".into(),
            finding: Some(finding("yuelai", "悦来镇宏达米业")),
        },
        &app.office(),
    );
    {
        use tracing::Instrument as _;
        async { client.report_finding(request).await.expect("report") }
            .instrument(span)
            .await;
    }
    let change = watch_some(&app, 0, 1).await.pop().expect("one change");
    assert_ne!(
        expected, "00000000000000000000000000000000",
        "the client span has a trace"
    );
    assert_eq!(
        change.trace_id, expected,
        "the client's trace id reached the server"
    );
}

on_both_backends!(
    a_client_span_continues_into_the_server,
    concurrent_writers_and_a_resuming_watcher_see_every_change_once,
    a_restarted_server_resumes_a_watcher_from_its_cursor,
    the_callers_trace_is_recorded_with_the_change,
);
