//! The registry under test and what the tests do to it: report findings, wait
//! for the sequencer, and reach into its database behind its back.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rectify_proto::feed::v1::GetFeedHeadRequest;
use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_testkit::registry::finding;
use rectify_testkit::{Backend, RunningServer, TestService, authorized};

/// The registry under test.
pub type Registry = TestService<rectify_registry::Registry>;

/// Starts a registry on `database_url` verifying with `jwks`.
pub async fn start_registry(database_url: &str, jwks: &std::path::Path) -> RunningServer {
    rectify_testkit::start::<rectify_registry::Registry>(rectify_testkit::args(database_url, jwks))
        .await
}
use sqlx::{PgPool, SqlitePool};

/// Numbers findings so that every report is a new request about a new enterprise.
static NEXT_FINDING: AtomicUsize = AtomicUsize::new(1);

/// What these tests do to a registry beyond calling it: report in bulk, wait
/// for the sequencer, and reach into its database behind its back.
pub trait Intrusion {
    async fn report_findings(&self, count: usize) -> i64;
    async fn wait_until_sequenced(&self) -> i64;
    async fn journal_rows(&self) -> i64;
    async fn tamper(&self, statement: &'static str) -> u64;
}

impl Intrusion for Registry {
    /// Reports `count` findings of separate enterprises as the office, waits
    /// until the sequencer has numbered every journal row, and returns the head.
    async fn report_findings(&self, count: usize) -> i64 {
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
    async fn wait_until_sequenced(&self) -> i64 {
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
    async fn journal_rows(&self) -> i64 {
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
    async fn tamper(&self, statement: &'static str) -> u64 {
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
