//! The change feed beyond the shared conformance suite (which covers
//! concurrent writers and a resuming watcher): a restarted server resumes a
//! watcher from its cursor; trace context is recorded.

use std::time::Duration;

use rectify_proto::feed::v1::{Change, WatchChangesRequest};
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, finding, with_traceparent};
use rectify_testkit::{Backend, authorized};
use rectify_testkit::{TestService, on_both_backends};
use tokio_stream::StreamExt as _;

type TestApp = TestService<Registry>;

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
    a_restarted_server_resumes_a_watcher_from_its_cursor,
    the_callers_trace_is_recorded_with_the_change,
);
