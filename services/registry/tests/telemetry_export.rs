//! With an OTLP endpoint configured, spans reach it: a real OTLP/gRPC
//! receiver on port 0 gets the server's span of a call, in the caller's trace,
//! under the service's name. (Its own test binary: the tracing subscriber is
//! global and installed once.)

use std::time::Duration;

use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use rectify_kit::telemetry::TelemetryConfig;
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::TestService;
use rectify_testkit::registry::{RegistryHarness, finding, with_traceparent};
use rectify_testkit::{Backend, authorized};
use tokio::sync::mpsc;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::{Request, Response, Status};

type TestApp = TestService<Registry>;

/// Receives exported spans.
struct Receiver(mpsc::UnboundedSender<ExportTraceServiceRequest>);

#[tonic::async_trait]
impl TraceService for Receiver {
    async fn export(
        &self,
        request: Request<ExportTraceServiceRequest>,
    ) -> Result<Response<ExportTraceServiceResponse>, Status> {
        let _ = self.0.send(request.into_inner());
        Ok(Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

fn service_name(export: &ExportTraceServiceRequest) -> Vec<String> {
    export
        .resource_spans
        .iter()
        .filter_map(|r| r.resource.as_ref())
        .flat_map(|r| r.attributes.iter())
        .filter(|a| a.key == "service.name")
        .filter_map(|a| a.value.as_ref().and_then(|v| v.value.clone()))
        .map(|v| format!("{v:?}"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spans_are_exported_to_the_configured_collector() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let (sender, mut received) = mpsc::unbounded_channel();
    tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(TraceServiceServer::new(Receiver(sender)))
            .serve_with_incoming(TcpListenerStream::new(listener)),
    );
    let guard = rectify_kit::telemetry::init(
        "registry",
        &TelemetryConfig {
            otlp_endpoint: Some(format!("http://{addr}")),
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

    // Shutting the provider down flushes the batch; it blocks, so not on a worker.
    tokio::task::spawn_blocking(move || drop(guard))
        .await
        .expect("flush");

    let mut names = Vec::new();
    let mut traces = Vec::new();
    while let Ok(Some(export)) =
        tokio::time::timeout(Duration::from_secs(10), received.recv()).await
    {
        names.extend(service_name(&export));
        traces.extend(
            export
                .resource_spans
                .iter()
                .flat_map(|r| r.scope_spans.iter())
                .flat_map(|s| s.spans.iter())
                .map(|s| hex::encode(&s.trace_id)),
        );
        if traces.iter().any(|t| t == trace_id) {
            break;
        }
    }
    assert!(
        names.iter().any(|n| n.contains("registry")),
        "service name exported: {names:?}"
    );
    assert!(
        traces.iter().any(|t| t == trace_id),
        "the call's span is in the caller's trace: {traces:?}"
    );
}
