//! The registry under test, for this crate's tests and for other crates'
//! (feature `testing`): a real server on port 0 over a fresh database, with
//! tokens for every kind of party, and valid sample findings.

use std::path::Path;

use crate::{App, RegistryConfig};
use rectify_kit::auth::PartyKind;
use rectify_kit::config::ServiceConfig;
use rectify_kit::telemetry::TelemetryConfig;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_testkit::{Backend, RunningServer, TestDb, TestKeys, authorized};
use tonic::transport::Channel;

pub use rectify_testkit::on_both_backends;

/// A running registry with its own database and keys.
#[derive(Debug)]
pub struct TestApp {
    pub server: RunningServer,
    pub keys: TestKeys,
    pub db: TestDb,
}

/// The registry's configuration for a database and a public key set on disk.
pub fn config(database_url: &str, jwks: &Path) -> RegistryConfig {
    RegistryConfig {
        listen: "127.0.0.1:0".parse().expect("address"),
        campaign: None,
        service: ServiceConfig {
            database_url: database_url.parse().expect("url"),
            db_max_connections: 16,
            jwks: jwks.to_owned(),
            token_issuer: "rectify".into(),
            request_timeout_secs: 30,
            max_message_bytes: 4 * 1024 * 1024,
        },
        telemetry: TelemetryConfig::default(),
    }
}

/// Starts a registry on port 0 and waits until it is SERVING.
pub async fn start(database_url: &str, jwks: &Path) -> RunningServer {
    let config = config(database_url, jwks);
    RunningServer::start(move |listener, stop| async move {
        App::build(config, listener, stop)
            .await?
            .run_until_stopped()
            .await
    })
    .await
}

impl TestApp {
    /// `None` when the backend is not available here (PostgreSQL outside CI).
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        // As the binary does: the OpenTelemetry layer gives spans trace ids.
        let telemetry = rectify_kit::telemetry::init("registry-test", &TelemetryConfig::default());
        std::mem::forget(telemetry);
        let db = TestDb::create(backend).await?;
        let keys = TestKeys::new();
        let server = start(&db.url, &keys.jwks_path).await;
        Some(TestApp { server, keys, db })
    }

    /// Stops the server and starts a new one on the same database and keys.
    pub async fn restart(self) -> TestApp {
        let TestApp { server, keys, db } = self;
        server.shutdown().await;
        let server = start(&db.url, &keys.jwks_path).await;
        TestApp { server, keys, db }
    }

    pub fn registry(&self) -> RegistryServiceClient<Channel> {
        RegistryServiceClient::new(self.server.channel())
    }

    pub fn feed(&self) -> FeedServiceClient<Channel> {
        FeedServiceClient::new(self.server.channel())
    }

    pub fn token(&self, party: &str, kind: PartyKind, roles: &[&str]) -> String {
        self.keys.token("registry", party, kind, roles)
    }

    /// The leading-group office, with the personal-data role.
    pub fn office(&self) -> String {
        self.token("office", PartyKind::Office, &["pii"])
    }

    pub fn township(&self, code: &str) -> String {
        self.token(code, PartyKind::Jurisdiction, &[])
    }

    pub fn bureau(&self, code: &str) -> String {
        self.token(code, PartyKind::Bureau, &[])
    }

    pub fn service(&self, code: &str) -> String {
        self.token(code, PartyKind::Service, &[])
    }

    /// Reports `finding` as `token`, panicking on failure.
    pub async fn report(
        &self,
        token: &str,
        request_id: &str,
        finding: pb::Finding,
    ) -> pb::ReportFindingResponse {
        self.registry()
            .report_finding(authorized(
                pb::ReportFindingRequest {
                    request_id: request_id.into(),
                    finding: Some(finding),
                },
                token,
            ))
            .await
            .expect("report finding")
            .into_inner()
    }

    /// The plan of enterprise `enterprise` (`enterprises/{id}`), as the office sees it.
    pub async fn plan(&self, enterprise: &str) -> pb::Plan {
        self.registry()
            .get_plan(authorized(
                pb::GetPlanRequest {
                    name: format!("{enterprise}/plan"),
                },
                &self.office(),
            ))
            .await
            .expect("get plan")
            .into_inner()
    }

    /// Every enterprise, as the office sees it.
    pub async fn all_enterprises(&self) -> Vec<pb::Enterprise> {
        all_enterprises(self.registry(), &self.office()).await
    }

    /// The feed head once it has reached `at_least` (waiting up to 10 s for
    /// the sequencer) and then stayed put for 300 ms, so that a test can
    /// assert that no further change was recorded.
    pub async fn settled_head(&self, at_least: i64) -> i64 {
        for _ in 0..200 {
            if self.feed_head().await >= at_least {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        self.feed_head().await
    }

    /// The feed's head as the office sees it now.
    pub async fn feed_head(&self) -> i64 {
        use rectify_proto::feed::v1::GetFeedHeadRequest;
        self.feed()
            .get_feed_head(authorized(GetFeedHeadRequest {}, &self.office()))
            .await
            .expect("feed head")
            .into_inner()
            .seq
    }
}

/// Every enterprise `token` may list, page by page.
pub async fn all_enterprises(
    mut registry: RegistryServiceClient<Channel>,
    token: &str,
) -> Vec<pb::Enterprise> {
    let mut out = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = registry
            .list_enterprises(authorized(
                pb::ListEnterprisesRequest {
                    page_size: 500,
                    page_token: page_token.clone(),
                    ..Default::default()
                },
                token,
            ))
            .await
            .expect("list enterprises")
            .into_inner();
        out.extend(page.enterprises);
        if page.next_page_token.is_empty() {
            return out;
        }
        page_token = page.next_page_token;
    }
}

/// A valid finding of a rice mill in `jurisdiction`.
pub fn finding(jurisdiction: &str, name: &str) -> pb::Finding {
    pb::Finding {
        source: pb::FindingSource::TownshipSurvey as i32,
        enterprise_name: name.into(),
        credit_code: String::new(),
        operator: Some(pb::Operator {
            name: "王建国".into(),
            phone: "13804541234".into(),
            id_number: "230826197001011234".into(),
        }),
        address: format!("{jurisdiction}村3组"),
        jurisdiction: jurisdiction.into(),
        location: Some(GeoPoint {
            latitude: 46.98,
            longitude: 130.72,
        }),
        industry: "粮食加工".into(),
        criteria: Some(pb::Criteria {
            conforms_national_policy: Some(true),
            conforms_local_layout: Some(true),
            in_industrial_park: Some(true),
            pollution_control_installed: Some(false),
            approvals: Some(pb::Approvals {
                environmental: Some(false),
                ..Default::default()
            }),
            ..Default::default()
        }),
        note: String::new(),
        ..Default::default()
    }
}

/// `request` carrying W3C trace context: trace `trace_id`, sampled.
pub fn with_traceparent<T>(mut request: tonic::Request<T>, trace_id: &str) -> tonic::Request<T> {
    let value = format!("00-{trace_id}-00f067aa0ba902b7-01");
    request
        .metadata_mut()
        .insert("traceparent", value.parse().expect("traceparent is ASCII"));
    request
}

/// A valid unified social credit code (check character computed).
pub const VALID_CREDIT_CODE: &str = "91350100M000100Y43";
