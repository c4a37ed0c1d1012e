//! A consumer following the registry's feed into its own database: every
//! change applied exactly once, with its cursor, across a failing effect, a
//! replayed change, a restart of the consumer, and runs of changes applied in
//! one transaction (all or none of a run).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rectify_kit::db::{Db, Migrations};
use rectify_kit::follower::{ApplyChange, FeedSource, Follower};
use rectify_kit::journal::Journal;
use rectify_kit::{Error, Result};
use rectify_proto::feed::v1::{Change, WatchChangesRequest};
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, finding};
use rectify_testkit::{Backend, TestDb, authorized};
use rectify_testkit::{TestService, on_both_backends};
use sqlx::migrate::Migrator;
use tokio_stream::StreamExt as _;
use tokio_util::sync::CancellationToken;

type TestApp = TestService<Registry>;

static POSTGRES: Migrator = sqlx::migrate!("tests/consumer_migrations/postgres");
static SQLITE: Migrator = sqlx::migrate!("tests/consumer_migrations/sqlite");
/// The consumer's tables: `seen` and the feed cursor.
const CONSUMER: Migrations = Migrations {
    postgres: &[&POSTGRES],
    sqlite: &[&SQLITE],
};

/// Records each change in `seen`; fails once on `fail_on` if asked.
struct Recorder {
    fail_on: i64,
    failed: AtomicBool,
}

impl Recorder {
    fn check(&self, change: &Change) -> Result<()> {
        if change.seq == self.fail_on && !self.failed.swap(true, Ordering::SeqCst) {
            return Err(Error::Internal(anyhow::anyhow!("effect failed on purpose")));
        }
        Ok(())
    }
}

macro_rules! record_in {
    ($db:ty) => {
        #[tonic::async_trait]
        impl ApplyChange<$db> for Recorder {
            async fn apply(
                &self,
                tx: &mut sqlx::Transaction<'_, $db>,
                change: &Change,
            ) -> Result<()> {
                sqlx::query("INSERT INTO seen (seq, action, resource) VALUES ($1, $2, $3)")
                    .bind(change.seq)
                    .bind(
                        change
                            .event
                            .as_ref()
                            .map(|e| e.type_url.as_str())
                            .unwrap_or_default(),
                    )
                    .bind(&change.resource)
                    .execute(&mut **tx)
                    .await?;
                self.check(change)
            }
        }
    };
}
record_in!(sqlx::Postgres);
record_in!(sqlx::Sqlite);

async fn seen(db: &Db) -> Vec<i64> {
    let rows: Vec<(i64,)> = match db {
        Db::Postgres(pool) => {
            sqlx::query_as("SELECT seq FROM seen ORDER BY seq")
                .fetch_all(pool)
                .await
        }
        Db::Sqlite(pool) => {
            sqlx::query_as("SELECT seq FROM seen ORDER BY seq")
                .fetch_all(pool)
                .await
        }
    }
    .expect("read seen");
    rows.into_iter().map(|(s,)| s).collect()
}

async fn wait_for_position(follower: &Follower, position: i64) {
    for _ in 0..300 {
        if follower.position().await.expect("position") == position {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("follower never reached {position}");
}

/// The registry, and the consumer's database (kept while the test runs) migrated.
async fn registry_and_consumer(backend: Backend) -> Option<(TestApp, TestDb, Db)> {
    let app = TestApp::spawn(backend).await?;
    let consumer_db = TestDb::create(backend).await?;
    let db = Db::open(&consumer_db.url, 4).await.expect("consumer db");
    db.migrate(CONSUMER).await.expect("migrate");
    Some((app, consumer_db, db))
}

/// Six findings reported by the office in `jurisdiction`, request ids `{prefix}0`…`{prefix}5`.
async fn report_six(app: &TestApp, prefix: &str, jurisdiction: &str, workshop: &str) {
    let office = app.office();
    for i in 0..6 {
        app.report(
            &office,
            &format!("{prefix}{i}"),
            finding(jurisdiction, &format!("{workshop}第{i}号")),
        )
        .await;
    }
}

async fn a_follower_applies_every_change_once_across_failure_replay_and_restart(backend: Backend) {
    let Some((app, _consumer_db, db)) = registry_and_consumer(backend).await else {
        return;
    };
    let source = FeedSource {
        name: "registry".into(),
        channel: app.server.channel(),
        credentials: rectify_kit::auth::Credentials::fixed(app.service("licensing")),
    };
    report_six(&app, "a", "yuelai", "悦来镇米业").await;
    let office = app.office();

    // The effect of change 4 fails once: its transaction rolls back, cursor and all.
    let recorder = Recorder {
        fail_on: 4,
        failed: AtomicBool::new(false),
    };
    let follower = Follower::new(Journal::new(db.clone()), source.clone());
    let stop = CancellationToken::new();
    let running = {
        let follower = follower.clone();
        let stop = stop.clone();
        tokio::spawn(async move { follower.run(&recorder, stop).await })
    };
    wait_for_position(&follower, 6).await;
    stop.cancel();
    running.await.expect("follower stopped");
    assert_eq!(
        seen(&db).await,
        [1, 2, 3, 4, 5, 6],
        "failed effect retried, nothing twice"
    );

    // A change delivered again (a replay after a crash) is skipped.
    let mut feed = app.feed();
    let mut replay = feed
        .watch_changes(authorized(
            WatchChangesRequest {
                after: 2,
                follow: false,
            },
            &office,
        ))
        .await
        .expect("feed")
        .into_inner();
    let third = replay.next().await.expect("change 3").expect("ok");
    let recorder = Recorder {
        fail_on: 0,
        failed: AtomicBool::new(false),
    };
    assert!(
        !follower.apply(&recorder, &third).await.expect("replay"),
        "replayed change skipped"
    );

    // A new follower instance (the consumer restarted) resumes from its cursor.
    for i in 6..9 {
        app.report(
            &office,
            &format!("a{i}"),
            finding("yuelai", &format!("悦来镇第{i}米业")),
        )
        .await;
    }
    let restarted = Follower::new(Journal::new(db.clone()), source);
    let stop = CancellationToken::new();
    let running = {
        let restarted = restarted.clone();
        let stop = stop.clone();
        tokio::spawn(async move { restarted.run(&recorder, stop).await })
    };
    wait_for_position(&restarted, 9).await;
    stop.cancel();
    running.await.expect("follower stopped");
    assert_eq!(
        seen(&db).await,
        (1..=9).collect::<Vec<_>>(),
        "resumed after 6 without loss or repeat"
    );
}

/// The feed's changes after `after`, as it serves them.
async fn changes_after(app: &TestApp, after: i64) -> Vec<Change> {
    let mut feed = app.feed();
    let stream = feed
        .watch_changes(authorized(
            WatchChangesRequest {
                after,
                follow: false,
            },
            &app.office(),
        ))
        .await
        .expect("feed")
        .into_inner();
    stream
        .collect::<std::result::Result<Vec<_>, _>>()
        .await
        .expect("changes")
}

async fn a_run_of_changes_is_applied_whole_or_not_at_all(backend: Backend) {
    let Some((app, _consumer_db, db)) = registry_and_consumer(backend).await else {
        return;
    };
    report_six(&app, "r", "donghe", "东河镇砖厂").await;
    app.settled_head(6).await;
    let follower = Follower::new(
        Journal::new(db.clone()),
        FeedSource {
            name: "registry".into(),
            channel: app.server.channel(),
            credentials: rectify_kit::auth::Credentials::fixed(app.service("licensing")),
        },
    );
    let all = changes_after(&app, 0).await;
    assert_eq!(all.len(), 6, "six findings, six changes");
    let steady = Recorder {
        fail_on: 0,
        failed: AtomicBool::new(false),
    };
    assert_eq!(
        follower
            .apply_in_order(&steady, &all[..2])
            .await
            .expect("run"),
        2
    );

    // A run whose third change fails: the two before it are rolled back with it.
    let failing = Recorder {
        fail_on: 5,
        failed: AtomicBool::new(false),
    };
    assert!(follower.apply_in_order(&failing, &all[2..]).await.is_err());
    assert_eq!(follower.position().await.expect("position"), 2);
    assert_eq!(seen(&db).await, [1, 2], "nothing of the failed run kept");

    // A run that starts before the cursor skips what was applied, and a gap applies nothing.
    assert!(
        follower.apply_in_order(&steady, &all[5..]).await.is_err(),
        "6 right after 2 is a gap"
    );
    assert_eq!(seen(&db).await, [1, 2]);
    assert_eq!(
        follower.apply_in_order(&steady, &all).await.expect("run"),
        4,
        "1 and 2 skipped, 3 to 6 applied"
    );
    assert_eq!(follower.position().await.expect("position"), 6);
    assert_eq!(seen(&db).await, (1..=6).collect::<Vec<_>>());
}

on_both_backends!(
    a_follower_applies_every_change_once_across_failure_replay_and_restart,
    a_run_of_changes_is_applied_whole_or_not_at_all
);
