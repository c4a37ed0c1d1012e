//! With an OTLP endpoint configured, spans reach it: a real OTLP/gRPC
//! receiver on port 0 gets the server's span of a call, in the caller's trace,
//! under the service's name. (Its own test binary: the tracing subscriber is
//! global and installed once.)

use std::time::Duration;

use rectify_kit::telemetry::TelemetryConfig;
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::TestService;
use rectify_testkit::otlp::{ReceivedSpan, SpanReceiver};
use rectify_testkit::registry::{RegistryHarness, finding, with_traceparent};
use rectify_testkit::{Backend, authorized};

type TestApp = TestService<Registry>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spans_are_exported_to_the_configured_collector() {
    let mut receiver = SpanReceiver::start().await;
    let guard = rectify_kit::telemetry::init(
        "registry",
        &TelemetryConfig {
            otlp_endpoint: Some(receiver.endpoint.clone()),
            log_json: false,
        },
    )
    .expect("telemetry");

    let Some(app) = TestApp::spawn(Backend::Sqlite).await else {
        return;
    };
    let trace_id = "0af7651916cd43dd8448eb211c80319c";
    let request = with_traceparent(
        authorized(
            pb::ReportFindingRequest {
                request_id: "otlp".into(),
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

    let in_callers_trace = |spans: &[ReceivedSpan]| spans.iter().any(|s| s.trace_id == trace_id);
    // The server's span ends once its answer has gone out, which on a busy machine can be after
    // the client has it: wait for the span while the provider still exports (its batch goes out
    // every few seconds), then shut the provider down, which flushes what is left.
    receiver
        .until(Duration::from_secs(15), &in_callers_trace)
        .await;
    // Shutting the provider down blocks, so not on a worker.
    tokio::task::spawn_blocking(move || drop(guard))
        .await
        .expect("flush");
    receiver
        .until(Duration::from_secs(2), &in_callers_trace)
        .await;
    let names: Vec<&str> = receiver.spans.iter().map(|s| s.service.as_str()).collect();
    assert!(
        names.contains(&"registry"),
        "service name exported: {names:?}"
    );
    let traces: Vec<&str> = receiver.spans.iter().map(|s| s.trace_id.as_str()).collect();
    assert!(
        traces.contains(&trace_id),
        "the call's span is in the caller's trace: {traces:?}"
    );
}
