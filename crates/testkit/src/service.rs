//! Any rectify service under test: a real server on port 0 over a fresh
//! database, through the same skeleton `App` its binary runs, with tokens for
//! every kind of party.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rectify_kit::auth::PartyKind;
use rectify_kit::service::{App, Service, ServiceArgs};
use rectify_kit::telemetry::TelemetryConfig;
use rectify_kit::tls::ClientTls;
use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use rectify_proto::feed::v1::{Change, GetFeedHeadRequest, WatchChangesRequest};
use tonic::transport::Channel;

use crate::{Backend, RunningServer, TestDb, TestKeys, authorized};

/// A running service with its own database; keys may be shared with other
/// services of the same test.
#[derive(Debug)]
pub struct TestService<S: Service> {
    pub server: RunningServer,
    pub keys: Arc<TestKeys>,
    pub db: TestDb,
    args: ServiceArgs,
    service: std::marker::PhantomData<S>,
}

/// The arguments of a service on `database_url` verifying with `jwks`.
pub fn args(database_url: &str, jwks: &Path) -> ServiceArgs {
    ServiceArgs::embedded(database_url, PathBuf::from(jwks)).expect("service arguments")
}

/// Starts `S` with `args` on port 0 and waits until it is SERVING.
pub async fn start<S: Service>(args: ServiceArgs) -> RunningServer {
    start_tls::<S>(args, None).await
}

/// [`start`], reaching the server over TLS with `tls` when given.
pub async fn start_tls<S: Service>(args: ServiceArgs, tls: Option<ClientTls>) -> RunningServer {
    RunningServer::start_tls(
        move |listener, stop| async move {
            App::<S>::build(args, listener, stop)
                .await?
                .run_until_stopped()
                .await
        },
        tls,
    )
    .await
}

impl<S: Service> TestService<S> {
    /// `S` on a fresh database with its own keys; `None` when the backend is
    /// not available here (PostgreSQL outside CI).
    pub async fn spawn(backend: Backend) -> Option<Self> {
        Self::spawn_with(backend, Arc::new(TestKeys::new()), |_| {}).await
    }

    /// `S` on a fresh database, verifying tokens of `keys`, with its
    /// arguments adjusted by `configure` (e.g. the registry's endpoint).
    pub async fn spawn_with(
        backend: Backend,
        keys: Arc<TestKeys>,
        configure: impl FnOnce(&mut ServiceArgs),
    ) -> Option<Self> {
        Self::spawn_configured(backend, keys, None, configure).await
    }

    /// [`TestService::spawn_with`], reached over TLS with `tls` when given.
    pub(crate) async fn spawn_configured(
        backend: Backend,
        keys: Arc<TestKeys>,
        tls: Option<ClientTls>,
        configure: impl FnOnce(&mut ServiceArgs),
    ) -> Option<Self> {
        // As the binary does: the OpenTelemetry layer gives spans trace ids.
        let telemetry = rectify_kit::telemetry::init("rectify-test", &TelemetryConfig::default());
        std::mem::forget(telemetry);
        let db = TestDb::create(backend).await?;
        let mut args = args(&db.url, &keys.jwks_path);
        configure(&mut args);
        let server = start_tls::<S>(args.clone(), tls).await;
        Some(Self {
            server,
            keys,
            db,
            args,
            service: std::marker::PhantomData,
        })
    }

    /// Stops the server and waits until it has drained.
    pub async fn stop(self) -> (TestDb, Arc<TestKeys>, ServiceArgs) {
        self.server.shutdown().await;
        (self.db, self.keys, self.args)
    }

    /// Starts it again on what [`TestService::stop`] returned.
    pub async fn resume(db: TestDb, keys: Arc<TestKeys>, args: ServiceArgs) -> Self {
        let server = start::<S>(args.clone()).await;
        Self {
            server,
            keys,
            db,
            args,
            service: std::marker::PhantomData,
        }
    }

    /// Stops the server and starts a new one on the same database and keys.
    pub async fn restart(self) -> Self {
        let (db, keys, args) = self.stop().await;
        Self::resume(db, keys, args).await
    }

    pub fn channel(&self) -> Channel {
        self.server.channel()
    }

    pub fn feed(&self) -> FeedServiceClient<Channel> {
        FeedServiceClient::new(self.channel())
    }

    /// A one-hour token for this service.
    pub fn token(&self, party: &str, kind: PartyKind, roles: &[&str]) -> String {
        self.keys.token(S::NAME, party, kind, roles)
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

    /// The feed's head as the office sees it now.
    pub async fn feed_head(&self) -> i64 {
        self.feed()
            .get_feed_head(authorized(GetFeedHeadRequest {}, &self.office()))
            .await
            .expect("feed head")
            .into_inner()
            .seq
    }

    /// Every change on the feed, read to its head as `token` (no following).
    pub async fn whole_feed(&self, token: &str) -> Vec<Change> {
        let mut stream = self
            .feed()
            .watch_changes(authorized(
                WatchChangesRequest {
                    after: 0,
                    follow: false,
                },
                token,
            ))
            .await
            .expect("the feed may be read with this token")
            .into_inner();
        let mut changes = Vec::new();
        loop {
            match tokio::time::timeout(std::time::Duration::from_secs(10), stream.message()).await {
                Ok(Ok(Some(change))) => changes.push(change),
                Ok(Ok(None)) => return changes,
                Ok(Err(status)) => panic!("feed error: {status:?}"),
                Err(_) => panic!("a feed read without following did not end at its head"),
            }
        }
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

    /// Asserts that the feed settles at `head`: nothing was recorded after it (`case` says why
    /// nothing should have been).
    pub async fn assert_nothing_after(&self, head: i64, case: &str) {
        assert_eq!(self.settled_head(head).await, head, "{case}");
    }

    /// The changes recorded after `head`, once `expected` of them have settled (asserting that
    /// no more were), as the office reads them.
    pub async fn changes_after(&self, head: i64, expected: i64) -> Vec<Change> {
        let settled = self.settled_head(head + expected).await;
        assert_eq!(settled, head + expected, "{expected} changes recorded");
        self.whole_feed(&self.office())
            .await
            .into_iter()
            .filter(|c| c.seq > head)
            .collect()
    }
}

/// The type URL of each change's event, in order (empty for a change without one).
pub fn type_urls(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .map(|c| {
            c.event
                .as_ref()
                .map_or(String::new(), |e| e.type_url.clone())
        })
        .collect()
}

/// The changes among `changes` whose event is an `M`.
pub fn of_type<M: prost::Name>(changes: &[Change]) -> Vec<&Change> {
    let type_url = M::type_url();
    changes
        .iter()
        .filter(|c| c.event.as_ref().is_some_and(|e| e.type_url == type_url))
        .collect()
}

/// The event of `change`, decoded as `M`.
pub fn event<M: prost::Name + Default>(change: &Change) -> M {
    change
        .event
        .as_ref()
        .unwrap_or_else(|| panic!("change {} carries no event", change.seq))
        .to_msg()
        .unwrap_or_else(|e| panic!("change {} is not a {}: {e}", change.seq, M::full_name()))
}
