//! One trace across services and feeds: a rebound patrol sent to environment under a caller's
//! `traceparent` reopens the enterprise in the registry (a gRPC call carrying the trace), and the
//! followers in utilities and licensing that recreate the enterprise's items from
//! `EnterpriseReopened` apply it in spans whose parent is the registry's span that wrote the
//! change; the items' changes on their own feeds carry the same trace. A real OTLP/gRPC receiver
//! on port 0 gets every span. (Its own test binary: the tracing subscriber is global.)

use std::time::Duration;

use prost::Name as _;
use rectify_environment::Environment;
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_kit::parse::timestamp;
use rectify_kit::service::Service;
use rectify_kit::telemetry::TelemetryConfig;
use rectify_licensing::Licensing;
use rectify_proto::environment::v1 as epb;
use rectify_proto::environment::v1::environment_service_client::EnvironmentServiceClient;
use rectify_proto::feed::v1::Change;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::workitems::v1 as wpb;
use rectify_registry::Registry;
use rectify_testkit::otlp::{ReceivedSpan, SpanReceiver};
use rectify_testkit::registry::{RegistryHarness as _, with_traceparent};
use rectify_testkit::workitems::{WorkItemHarness as _, close_plan_items, spawn_following};
use rectify_testkit::{Backend, TestService, authorized};
use rectify_utilities::Utilities;

/// The span id `with_traceparent` gives the caller.
const CALLER_SPAN: &str = "00f067aa0ba902b7";
/// Items a close plan gives utilities and licensing in each round.
const UTILITIES_ITEMS: usize = 6;
const LICENSING_ITEMS: usize = 2;

use rectify_kit::clock::instant as at;

/// The registry and the three bureaus, each on its own database of `backend`.
struct County {
    registry: TestService<Registry>,
    utilities: TestService<Utilities>,
    licensing: TestService<Licensing>,
    environment: TestService<Environment>,
}

impl County {
    async fn spawn(backend: Backend) -> Option<Self> {
        let registry = TestService::<Registry>::spawn(backend).await?;
        let clock = Clock::fixed(at("2021-10-15T10:00:00+08:00"));
        let utilities = spawn_following::<Utilities, _>(&registry, &clock).await?;
        let licensing = spawn_following::<Licensing, _>(&registry, &clock).await?;
        let token = registry.keys.token_for(
            &[Registry::NAME, Environment::NAME, Utilities::NAME],
            Environment::NAME,
            PartyKind::Service,
            &[],
        );
        let registry_url = format!("http://{}", registry.server.addr);
        let utilities_url = format!("http://{}", utilities.server.addr);
        let environment =
            TestService::<Environment>::spawn_with(backend, registry.keys.clone(), |args| {
                args.registry_url = Some(registry_url);
                args.utilities_url = Some(utilities_url);
                args.service_token = Some(token.into());
                args.clock = clock.clone();
            })
            .await?;
        Some(Self {
            registry,
            utilities,
            licensing,
            environment,
        })
    }

    /// `enterprise` signed off in the registry (closed: under watch), as the coordinator does.
    async fn sign_off(&self, enterprise: &str) {
        let office = self.registry.office();
        let mut registry = self.registry.registry();
        let current = registry
            .get_enterprise(authorized(
                rpb::GetEnterpriseRequest {
                    name: enterprise.to_owned(),
                },
                &office,
            ))
            .await
            .expect("get enterprise")
            .into_inner();
        registry
            .sign_off_enterprise(authorized(
                rpb::SignOffEnterpriseRequest {
                    request_id: "sign-off".into(),
                    name: enterprise.to_owned(),
                    etag: current.etag,
                    note: String::new(),
                },
                &self.registry.service("coordinator"),
            ))
            .await
            .expect("sign off");
    }

    /// Eco's patrol of `item`, finding the workshop running, sent under trace `trace_id`.
    async fn patrol_finding_it_running(&self, item: &str, trace_id: &str) {
        let request = epb::RecordReboundPatrolRequest {
            request_id: "patrol".into(),
            work_item: item.to_owned(),
            patrolled_at: Some(timestamp(at("2021-10-15T09:30:00+08:00"))),
            found_running: true,
            evidence: Some(wpb::Evidence {
                attachments: vec![wpb::Attachment {
                    sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                        .into(),
                    file_name: "IMG_0042.jpg".into(),
                    media_type: "image/jpeg".into(),
                }],
                taken_at: Some(timestamp(at("2021-10-15T09:30:00+08:00"))),
                location: Some(rectify_proto::common::v1::GeoPoint {
                    latitude: 46.98,
                    longitude: 130.72,
                }),
                ..Default::default()
            }),
        };
        let answer = EnvironmentServiceClient::new(self.environment.channel())
            .record_rebound_patrol(with_traceparent(
                authorized(request, &self.environment.bureau("eco")),
                trace_id,
            ))
            .await
            .expect("eco records the patrol")
            .into_inner();
        assert_eq!(
            answer.reopen_state(),
            epb::ReopenState::Reopened,
            "the registry reopened it: {answer:?}"
        );
    }
}

/// The changes of `service`'s feed in trace `trace_id`.
async fn traced<S: Service>(service: &TestService<S>, trace_id: &str) -> Vec<Change> {
    service
        .whole_feed(&service.office())
        .await
        .into_iter()
        .filter(|c| c.trace_id == trace_id)
        .collect()
}

/// The server span of a call to `method` (e.g. `ReopenEnterprise`) in trace `trace_id`.
fn server_span<'a>(
    spans: &'a [ReceivedSpan],
    trace_id: &str,
    method: &str,
) -> Option<&'a ReceivedSpan> {
    spans.iter().find(|s| {
        s.trace_id == trace_id
            && s.name == "grpc"
            && s.attribute("rpc.method").ends_with(&format!("/{method}"))
    })
}

async fn a_patrol_and_everything_it_causes_is_one_trace(
    backend: Backend,
    trace_id: &str,
    receiver: &mut SpanReceiver,
) {
    let Some(county) = County::spawn(backend).await else {
        return;
    };
    let (enterprise, patrol_items) = close_plan_items(
        &county.registry,
        &county.environment,
        "yuelai",
        "悦来镇宏达米业",
        1,
    )
    .await;
    county
        .utilities
        .items_of(&enterprise, UTILITIES_ITEMS)
        .await;
    county
        .licensing
        .items_of(&enterprise, LICENSING_ITEMS)
        .await;
    county.sign_off(&enterprise).await;

    county
        .patrol_finding_it_running(&patrol_items[0].name, trace_id)
        .await;

    // The followers recreate the enterprise's items in a new round.
    county
        .utilities
        .items_of(&enterprise, 2 * UTILITIES_ITEMS)
        .await;
    county
        .licensing
        .items_of(&enterprise, 2 * LICENSING_ITEMS)
        .await;

    let reopened: Vec<Change> = traced(&county.registry, trace_id).await;
    assert_eq!(
        reopened.len(),
        1,
        "the registry's one change in the trace: {reopened:?}"
    );
    let reopened = &reopened[0];
    assert_eq!(
        reopened.event.as_ref().map(|e| e.type_url.clone()),
        Some(rpb::EnterpriseReopened::type_url()),
        "{reopened:?}"
    );
    let mut followed = Vec::new();
    for (service, changes, items) in [
        (
            "utilities",
            traced(&county.utilities, trace_id).await,
            UTILITIES_ITEMS,
        ),
        (
            "licensing",
            traced(&county.licensing, trace_id).await,
            LICENSING_ITEMS,
        ),
    ] {
        let created = changes
            .iter()
            .filter(|c| {
                c.event.as_ref().map(|e| e.type_url.clone())
                    == Some(wpb::WorkItemCreated::type_url())
            })
            .count();
        assert_eq!(
            created, items,
            "{service}'s recreated items are recorded in the patrol's trace: {changes:?}"
        );
        assert!(
            changes
                .iter()
                .all(|c| c.request_id == format!("registry:{}", reopened.seq)),
            "{service}'s changes in the trace follow EnterpriseReopened: {changes:?}"
        );
        followed.push((service, changes[0].span_id.clone()));
    }

    let expected = |spans: &[ReceivedSpan]| {
        server_span(spans, trace_id, "RecordReboundPatrol").is_some()
            && server_span(spans, trace_id, "ReopenEnterprise").is_some()
            && followed
                .iter()
                .all(|(_, span)| spans.iter().any(|s| &s.span_id == span))
    };
    assert!(
        receiver.until(Duration::from_secs(30), expected).await,
        "every span of the trace is exported; received: {:#?}",
        receiver
            .spans
            .iter()
            .filter(|s| s.trace_id == trace_id)
            .collect::<Vec<_>>()
    );

    let patrol = server_span(&receiver.spans, trace_id, "RecordReboundPatrol")
        .expect("environment's server span")
        .clone();
    assert_eq!(
        patrol.parent_span_id, CALLER_SPAN,
        "environment's server span is a child of the caller's: {patrol:?}"
    );
    let reopen = server_span(&receiver.spans, trace_id, "ReopenEnterprise")
        .expect("the registry's server span")
        .clone();
    let above_reopen: Vec<String> = receiver
        .lineage(&reopen.span_id)
        .iter()
        .map(|s| s.span_id.clone())
        .collect();
    assert!(
        above_reopen.contains(&patrol.span_id),
        "the registry's server span descends from environment's (the client carried the \
         trace): {:#?}",
        receiver.lineage(&reopen.span_id)
    );
    for (service, span_id) in &followed {
        let follow = receiver.span(span_id).expect("the follower's span").clone();
        assert_eq!(follow.name, "follow", "{service}: {follow:?}");
        assert_eq!(
            follow.trace_id, trace_id,
            "{service}'s follower span is in the trace"
        );
        assert_eq!(
            follow.parent_span_id, reopened.span_id,
            "{service}'s follower span is a child of the span that wrote EnterpriseReopened"
        );
        assert_eq!(
            follow.attribute("feed.source"),
            "registry",
            "{service}: {follow:?}"
        );
        let lineage: Vec<String> = receiver
            .lineage(span_id)
            .iter()
            .map(|s| s.span_id.clone())
            .collect();
        assert!(
            lineage.contains(&reopen.span_id) && lineage.contains(&patrol.span_id),
            "{service}'s follower span descends from the registry's and environment's server \
             spans: {:#?}",
            receiver.lineage(span_id)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_patrol_the_reopening_and_the_followers_effects_are_one_trace() {
    let mut receiver = SpanReceiver::start().await;
    let guard = rectify_kit::telemetry::init(
        "rectify-tests",
        &TelemetryConfig {
            otlp_endpoint: Some(receiver.endpoint.clone()),
            log_json: false,
        },
    )
    .expect("telemetry");
    for (backend, trace_id) in [
        (Backend::Postgres, "4bf92f3577b34da6a3ce929d0e0e4736"),
        (Backend::Sqlite, "5c0a1d2e3f405162738495a6b7c8d9e0"),
    ] {
        a_patrol_and_everything_it_causes_is_one_trace(backend, trace_id, &mut receiver).await;
    }
    // Shutting the provider down flushes the batch; it blocks, so not on a worker.
    tokio::task::spawn_blocking(move || drop(guard))
        .await
        .expect("flush");
}
