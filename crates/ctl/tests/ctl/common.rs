//! The registry under test and what the tests do to it: report findings, wait
//! for the sequencer, and reach into its database behind its back.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rectify_kit::auth::PartyKind;
use rectify_kit::config::ServiceConfig;
use rectify_kit::telemetry::TelemetryConfig;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::feed::v1::GetFeedHeadRequest;
use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_registry::{App, RegistryConfig};
use rectify_testkit::{Backend, RunningServer, TestDb, TestKeys, authorized};
use sqlx::{PgPool, SqlitePool};

/// Numbers findings so that every report is a new request about a new enterprise.
static NEXT_FINDING: AtomicUsize = AtomicUsize::new(1);

/// A registry over its own database, with its own keys.
pub struct Registry {
    pub server: RunningServer,
    pub keys: TestKeys,
    pub db: TestDb,
}

/// The registry's configuration for a database and a key set on disk.
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
pub async fn start_registry(database_url: &str, jwks: &Path) -> RunningServer {
    let config = config(database_url, jwks);
    RunningServer::start(move |listener, stop| async move {
        App::build(config, listener, stop)
            .await?
            .run_until_stopped()
            .await
    })
    .await
}

impl Registry {
    /// `None` when the backend is not available here (PostgreSQL outside CI).
    pub async fn spawn(backend: Backend) -> Option<Registry> {
        let db = TestDb::create(backend).await?;
        let keys = TestKeys::new();
        let server = start_registry(&db.url, &keys.jwks_path).await;
        Some(Registry { server, keys, db })
    }

    /// The campaign office, which may report findings and read the feed.
    pub fn office(&self) -> String {
        self.keys
            .token("registry", "office", PartyKind::Office, &["pii"])
    }

    /// Reports `count` findings of separate enterprises as the office, waits
    /// until the sequencer has numbered every journal row, and returns the head.
    pub async fn report_findings(&self, count: usize) -> i64 {
        let mut registry = RegistryServiceClient::new(self.server.channel());
        for _ in 0..count {
            let i = NEXT_FINDING.fetch_add(1, Ordering::Relaxed);
            let request = pb::ReportFindingRequest {
                request_id: format!("ctl-test-{i}"),
                finding: Some(finding("yuelai", &format!("华川第{i}米厂"))),
            };
            registry
                .report_finding(authorized(request, &self.office()))
                .await
                .expect("report finding");
        }
        self.wait_until_sequenced().await
    }

    /// Polls the feed head until it counts every row of the journal.
    pub async fn wait_until_sequenced(&self) -> i64 {
        let rows = self.journal_rows().await;
        let mut feed = FeedServiceClient::new(self.server.channel());
        for _ in 0..600 {
            let head = feed
                .get_feed_head(authorized(GetFeedHeadRequest {}, &self.office()))
                .await
                .expect("feed head")
                .into_inner();
            if head.seq == rows {
                return head.seq;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the feed head never reached the {rows} journal rows");
    }

    /// Rows in the journal, sequenced or not.
    pub async fn journal_rows(&self) -> i64 {
        let query = "SELECT COUNT(*) FROM journal";
        match self.db.backend {
            Backend::Sqlite => {
                let pool = SqlitePool::connect(&self.db.url).await.expect("sqlite");
                let rows = sqlx::query_scalar(query).fetch_one(&pool).await;
                pool.close().await;
                rows.expect("count journal rows")
            }
            Backend::Postgres => {
                let pool = PgPool::connect(&self.db.url).await.expect("postgres");
                let rows = sqlx::query_scalar(query).fetch_one(&pool).await;
                pool.close().await;
                rows.expect("count journal rows")
            }
        }
    }

    /// Runs `statement` on the registry's database directly, as an intruder
    /// with database access would; returns the rows it affected.
    pub async fn tamper(&self, statement: &'static str) -> u64 {
        match self.db.backend {
            Backend::Sqlite => {
                let pool = SqlitePool::connect(&self.db.url).await.expect("sqlite");
                let done = sqlx::query(statement).execute(&pool).await;
                pool.close().await;
                done.expect("tamper statement").rows_affected()
            }
            Backend::Postgres => {
                let pool = PgPool::connect(&self.db.url).await.expect("postgres");
                let done = sqlx::query(statement).execute(&pool).await;
                pool.close().await;
                done.expect("tamper statement").rows_affected()
            }
        }
    }
}

/// A valid finding of a rice mill named `name` in `jurisdiction`.
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

/// Runs the real `rectifyctl` binary with `args`, and `RECTIFYCTL_TOKEN` set
/// to `token_env` when given; nothing else from the environment leaks in.
pub async fn rectifyctl(args: &[&str], token_env: Option<&str>) -> std::process::Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_rectifyctl"));
    command
        .args(args)
        .env_remove("RECTIFYCTL_TOKEN")
        .env_remove("RECTIFYCTL_ENDPOINT");
    if let Some(token) = token_env {
        command.env("RECTIFYCTL_TOKEN", token);
    }
    command.output().await.expect("run rectifyctl")
}

/// The endpoint URL of a server under test.
pub fn endpoint(server: &RunningServer) -> String {
    format!("http://{}", server.addr)
}
