//! Logs to stdout, spans to an OTLP collector when one is configured, and W3C
//! trace context carried in gRPC metadata across every service hop.

use std::io::IsTerminal as _;

use opentelemetry::propagation::{Extractor, Injector, TextMapPropagator};
use opentelemetry::trace::{
    SpanContext, SpanId, TraceContextExt, TraceFlags, TraceId, TraceState, TracerProvider as _,
};
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tonic::metadata::{MetadataKey, MetadataMap, MetadataValue};
use tracing_opentelemetry::OpenTelemetrySpanExt;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// How a process logs and traces.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct TelemetryConfig {
    /// OTLP/gRPC collector, e.g. http://jaeger:4317; spans are only exported when set.
    #[arg(long, env = "OTEL_EXPORTER_OTLP_ENDPOINT")]
    pub otlp_endpoint: Option<String>,
    /// Log lines as JSON instead of text.
    #[arg(long, env = "RECTIFY_LOG_JSON", default_value_t = false)]
    pub log_json: bool,
}

/// Flushes exported spans when dropped.
#[derive(Debug)]
pub struct TelemetryGuard {
    provider: SdkTracerProvider,
}

impl Drop for TelemetryGuard {
    fn drop(&mut self) {
        let _ = self.provider.shutdown();
    }
}

/// Installs the global subscriber (once per process; later calls only return
/// a guard) and the W3C trace-context propagator. Filter from `RUST_LOG`,
/// `info` without it; colours only on a terminal (see [`colour_logs`]).
pub fn init(service_name: &str, config: &TelemetryConfig) -> anyhow::Result<TelemetryGuard> {
    init_with(service_name, config, "info")
}

/// [`init`] with `default_filter` when `RUST_LOG` is not set (the launcher keeps its console
/// to warnings).
pub fn init_with(
    service_name: &str,
    config: &TelemetryConfig,
    default_filter: &str,
) -> anyhow::Result<TelemetryGuard> {
    opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
    let mut builder = SdkTracerProvider::builder().with_resource(
        opentelemetry_sdk::Resource::builder()
            .with_service_name(service_name.to_owned())
            .build(),
    );
    if let Some(endpoint) = &config.otlp_endpoint {
        let exporter = opentelemetry_otlp::SpanExporter::builder()
            .with_tonic()
            .with_endpoint(endpoint.clone())
            .build()?;
        builder = builder.with_batch_exporter(exporter);
    }
    let provider = builder.build();
    let tracer = provider.tracer("rectify");
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let fmt = if config.log_json {
        tracing_subscriber::fmt::layer().json().boxed()
    } else {
        tracing_subscriber::fmt::layer()
            .with_ansi(colour_logs())
            .boxed()
    };
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(fmt)
        .with(tracing_opentelemetry::layer().with_tracer(tracer))
        .try_init();
    Ok(TelemetryGuard { provider })
}

/// Whether text logs get ANSI colours: only when stdout is a terminal and
/// `NO_COLOR` is unset or empty (no-color.org), so that files, pipes and
/// journald get plain lines.
pub fn colour_logs() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

struct HeaderExtractor<'a>(&'a http::HeaderMap);

impl Extractor for HeaderExtractor<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(|k| k.as_str()).collect()
    }
}

struct MetadataInjector<'a>(&'a mut MetadataMap);

impl Injector for MetadataInjector<'_> {
    fn set(&mut self, key: &str, value: String) {
        if let (Ok(key), Ok(value)) = (
            MetadataKey::from_bytes(key.as_bytes()),
            MetadataValue::try_from(value.as_str()),
        ) {
            self.0.insert(key, value);
        }
    }
}

/// The span of one incoming call, child of the caller's trace when the call
/// carries `traceparent`. Used as the server's `trace_fn`.
pub fn server_span(request: &http::Request<()>) -> tracing::Span {
    let parent = TraceContextPropagator::new().extract(&HeaderExtractor(request.headers()));
    let span = tracing::info_span!("grpc", rpc.method = %request.uri().path());
    let _ = span.set_parent(parent);
    span
}

/// The context of a span in another process known only by its W3C ids (hex), e.g. the span
/// that wrote a change on a feed: a parent for the work that continues it. `None` when the ids
/// are empty or malformed. Recorded changes carry no sampling flag; the parent is taken as
/// sampled, so the continuation is exported as its producer was.
pub fn remote_parent(trace_id: &str, span_id: &str) -> Option<opentelemetry::Context> {
    let trace_id = TraceId::from_hex(trace_id).ok()?;
    let span_id = SpanId::from_hex(span_id).ok()?;
    let span_context = SpanContext::new(
        trace_id,
        span_id,
        TraceFlags::SAMPLED,
        true,
        TraceState::default(),
    );
    span_context
        .is_valid()
        .then(|| opentelemetry::Context::new().with_remote_span_context(span_context))
}

/// The W3C trace id of the current span, or empty when there is none.
pub fn current_trace_id() -> String {
    current_trace().0
}

/// The W3C trace id and span id of the current span, or empty strings when
/// there is none.
pub fn current_trace() -> (String, String) {
    let context = tracing::Span::current().context();
    let span_context = context.span().span_context().clone();
    if span_context.is_valid() {
        (
            span_context.trace_id().to_string(),
            span_context.span_id().to_string(),
        )
    } else {
        (String::new(), String::new())
    }
}

/// Client interceptor: puts the current span's trace context into the call's
/// metadata, so the next service continues the same trace.
pub fn inject_trace_context(
    mut request: tonic::Request<()>,
) -> Result<tonic::Request<()>, tonic::Status> {
    let context = tracing::Span::current().context();
    TraceContextPropagator::new()
        .inject_context(&context, &mut MetadataInjector(request.metadata_mut()));
    Ok(request)
}
