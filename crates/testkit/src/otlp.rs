//! A real OTLP/gRPC trace receiver on port 0, for tests of what a process exports when
//! `OTEL_EXPORTER_OTLP_ENDPOINT` points at it: every exported span kept, flattened to the ids,
//! names and string attributes a test asserts on.

use std::time::Duration;

use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::KeyValue;
use opentelemetry_proto::tonic::common::v1::any_value::Value;
use tokio::sync::mpsc;
use tokio_stream::wrappers::TcpListenerStream;

/// One exported span.
#[derive(Clone, Debug, Default)]
pub struct ReceivedSpan {
    /// `service.name` of the resource that exported it.
    pub service: String,
    pub name: String,
    /// W3C ids in hex; `parent_span_id` empty for a root.
    pub trace_id: String,
    pub span_id: String,
    pub parent_span_id: String,
    /// String-valued attributes (e.g. `rpc.method`), in export order.
    pub attributes: Vec<(String, String)>,
}

impl ReceivedSpan {
    /// The string attribute `key`, empty when absent.
    pub fn attribute(&self, key: &str) -> &str {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The receiver and every span it has been sent so far.
#[derive(Debug)]
pub struct SpanReceiver {
    /// `http://127.0.0.1:{port}`, for the exporter's endpoint.
    pub endpoint: String,
    received: mpsc::UnboundedReceiver<ExportTraceServiceRequest>,
    pub spans: Vec<ReceivedSpan>,
}

struct Collector(mpsc::UnboundedSender<ExportTraceServiceRequest>);

#[tonic::async_trait]
impl TraceService for Collector {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        let _ = self.0.send(request.into_inner());
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

impl SpanReceiver {
    /// Serves `TraceService` on a port of 127.0.0.1 chosen by the system.
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the OTLP receiver");
        let addr = listener.local_addr().expect("receiver address");
        let (sender, received) = mpsc::unbounded_channel();
        tokio::spawn(
            tonic::transport::Server::builder()
                .add_service(TraceServiceServer::new(Collector(sender)))
                .serve_with_incoming(TcpListenerStream::new(listener)),
        );
        Self {
            endpoint: format!("http://{addr}"),
            received,
            spans: Vec::new(),
        }
    }

    /// Keeps receiving until `done` holds for the spans received so far, or no export arrived
    /// for `quiet`; whether `done` holds.
    pub async fn until(&mut self, quiet: Duration, done: impl Fn(&[ReceivedSpan]) -> bool) -> bool {
        while !done(&self.spans) {
            match tokio::time::timeout(quiet, self.received.recv()).await {
                Ok(Some(export)) => self.spans.extend(flatten(&export)),
                _ => return false,
            }
        }
        true
    }

    /// The span `span_id`, if received.
    pub fn span(&self, span_id: &str) -> Option<&ReceivedSpan> {
        self.spans.iter().find(|s| s.span_id == span_id)
    }

    /// `span_id` and its received ancestors, nearest first.
    pub fn lineage(&self, span_id: &str) -> Vec<&ReceivedSpan> {
        let mut chain = Vec::new();
        let mut next = self.span(span_id);
        while let Some(span) = next {
            if chain.len() > self.spans.len() {
                break;
            }
            chain.push(span);
            next = self.span(&span.parent_span_id);
        }
        chain
    }
}

fn string(value: &KeyValue) -> Option<(String, String)> {
    match value.value.as_ref()?.value.as_ref()? {
        Value::StringValue(s) => Some((value.key.clone(), s.clone())),
        _ => None,
    }
}

fn flatten(export: &ExportTraceServiceRequest) -> Vec<ReceivedSpan> {
    let mut out = Vec::new();
    for resource in &export.resource_spans {
        let service = resource
            .resource
            .iter()
            .flat_map(|r| r.attributes.iter())
            .filter(|a| a.key == "service.name")
            .find_map(string)
            .map(|(_, v)| v)
            .unwrap_or_default();
        for span in resource.scope_spans.iter().flat_map(|s| s.spans.iter()) {
            out.push(ReceivedSpan {
                service: service.clone(),
                name: span.name.clone(),
                trace_id: hex(&span.trace_id),
                span_id: hex(&span.span_id),
                parent_span_id: hex(&span.parent_span_id),
                attributes: span.attributes.iter().filter_map(string).collect(),
            });
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
