//! A fresh database per test, dropped afterwards. PostgreSQL tests skip when
//! no server answers, except under `CI=true`, where they fail.

use std::time::Duration;

use sqlx::Connection as _;
use tempfile::TempDir;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Admin connection for creating test databases.
fn admin_url() -> String {
    std::env::var("RECTIFY_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    /// URL the service under test connects to.
    pub url: String,
    pub backend: Backend,
    postgres_name: Option<String>,
    _dir: Option<TempDir>,
}

impl TestDb {
    /// Creates the database, or returns `None` when PostgreSQL is not
    /// reachable outside CI (the test then skips).
    pub async fn create(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite:{}", dir.path().join("test.db").display());
                Some(TestDb {
                    url,
                    backend,
                    postgres_name: None,
                    _dir: Some(dir),
                })
            }
            Backend::Postgres => {
                let admin = admin_url();
                let connect = tokio::time::timeout(
                    Duration::from_secs(5),
                    sqlx::PgConnection::connect(&admin),
                )
                .await;
                let mut conn = match connect {
                    Ok(Ok(conn)) => conn,
                    outcome => {
                        let why = match outcome {
                            Ok(Err(e)) => e.to_string(),
                            _ => "timed out".to_owned(),
                        };
                        assert!(
                            !in_ci(),
                            "PostgreSQL is required under CI but {admin} failed: {why}"
                        );
                        eprintln!("skipping: PostgreSQL not reachable at {admin}: {why}");
                        return None;
                    }
                };
                let name = format!("rectify_test_{}", uuid::Uuid::now_v7().simple());
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                Some(TestDb {
                    url: format!("{base}/{name}"),
                    backend,
                    postgres_name: Some(name),
                    _dir: None,
                })
            }
        }
    }
}

impl TestDb {
    /// Runs `statement` on the database behind the service's back (to break or tamper with
    /// it), panicking if it fails.
    pub async fn execute(&self, statement: &'static str) {
        match self.backend {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&self.url).await.expect("sqlite");
                sqlx::query(statement)
                    .execute(&pool)
                    .await
                    .expect(statement);
                pool.close().await;
            }
            Backend::Postgres => {
                let pool = sqlx::PgPool::connect(&self.url).await.expect("postgres");
                sqlx::query(statement)
                    .execute(&pool)
                    .await
                    .expect(statement);
                pool.close().await;
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.postgres_name.take() else {
            return;
        };
        // Drop runs outside async; a small runtime on its own thread does the work.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url()).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&mut conn)
                    .await;
                }
            });
        })
        .join();
    }
}
