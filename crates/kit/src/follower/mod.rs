//! Following another service's feed (docs/architecture.md): each change is
//! decoded and applied in one transaction together with the consumer's
//! cursor, so a crash or restart on either side loses nothing and applies
//! nothing twice. Events the effect records are sequenced on the consumer's
//! own journal. Each change is applied in a span whose parent is the span that
//! wrote it in the producer, so the effect joins the producer's trace.

mod spawn;
pub mod sql;

pub use spawn::follow_when_ready;

use std::time::Duration;

use futures::FutureExt as _;
pub use rectify_proto::feed::v1::Change;
use rectify_proto::feed::v1::WatchChangesRequest;
use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use tokio_util::sync::CancellationToken;
use tonic::transport::Channel;
use tracing::Instrument as _;
use tracing_opentelemetry::OpenTelemetrySpanExt as _;

use crate::auth::{Credentials, set_bearer};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::journal::Journal;
use crate::text;

/// Pause before reconnecting after the source or the effect failed.
const RETRY: Duration = Duration::from_secs(1);
/// The most changes applied in one transaction: those already received when the first of them
/// is applied, up to this many.
const MAX_RUN: usize = 256;
/// How often a follower started on a host waits for its database to be migrated.
const READY_POLL: Duration = Duration::from_millis(100);

/// The effect of one change on the consumer's own tables, for each backend.
/// It runs inside the transaction that also moves the cursor.
#[tonic::async_trait]
pub trait ApplyChange<DB: sqlx::Database>: Send + Sync {
    async fn apply(&self, tx: &mut sqlx::Transaction<'_, DB>, change: &Change) -> Result<()>;

    /// Applies a run of `source`'s changes, in feed order, in one transaction: by default each
    /// in turn, in its [`change_span`]. A consumer whose effect has a cost per run rather than
    /// per change (a status recomputed once per enterprise, counters added once) does it here.
    async fn apply_run(
        &self,
        tx: &mut sqlx::Transaction<'_, DB>,
        source: &str,
        changes: &[Change],
    ) -> Result<()> {
        for change in changes {
            self.apply(tx, change)
                .instrument(change_span(source, change))
                .await?;
        }
        Ok(())
    }
}

/// `apply_change!(Follower, (postgres_module, sqlite_module) => |this, tx, change, sql| body)`:
/// [`ApplyChange`] for both backends from one body, in which `sql` names the backend's module of
/// the consumer's queries (the first for PostgreSQL, the second for SQLite), `this` the
/// follower, `tx` the transaction and `change` the change. With `=> run |this, tx, source,
/// changes, sql| body` the body applies a whole run ([`ApplyChange::apply_run`]; a single
/// change is a run of one).
#[macro_export]
macro_rules! apply_change {
    ($follower:ty, ($postgres:path, $sqlite:path) => |$this:ident, $tx:ident, $change:ident, $sql:ident| $body:expr) => {
        $crate::apply_change!(@one $follower, ::sqlx::Postgres, $postgres, $this, $tx, $change, $sql, $body);
        $crate::apply_change!(@one $follower, ::sqlx::Sqlite, $sqlite, $this, $tx, $change, $sql, $body);
    };
    ($follower:ty, ($postgres:path, $sqlite:path) => run |$this:ident, $tx:ident, $source:ident, $changes:ident, $sql:ident| $body:expr) => {
        $crate::apply_change!(@run $follower, ::sqlx::Postgres, $postgres, $this, $tx, $source, $changes, $sql, $body);
        $crate::apply_change!(@run $follower, ::sqlx::Sqlite, $sqlite, $this, $tx, $source, $changes, $sql, $body);
    };
    (@run $follower:ty, $db:ty, $module:path, $this:ident, $tx:ident, $source:ident, $changes:ident, $sql:ident, $body:expr) => {
        #[::tonic::async_trait]
        impl $crate::follower::ApplyChange<$db> for $follower {
            async fn apply(
                &self,
                tx: &mut ::sqlx::Transaction<'_, $db>,
                change: &$crate::follower::Change,
            ) -> $crate::Result<()> {
                self.apply_run(tx, "", ::std::slice::from_ref(change)).await
            }

            async fn apply_run(
                &self,
                $tx: &mut ::sqlx::Transaction<'_, $db>,
                $source: &str,
                $changes: &[$crate::follower::Change],
            ) -> $crate::Result<()> {
                #[allow(unused_imports)]
                use $module as $sql;
                let $this = self;
                $body
            }
        }
    };
    (@one $follower:ty, $db:ty, $module:path, $this:ident, $tx:ident, $change:ident, $sql:ident, $body:expr) => {
        #[::tonic::async_trait]
        impl $crate::follower::ApplyChange<$db> for $follower {
            async fn apply(
                &self,
                $tx: &mut ::sqlx::Transaction<'_, $db>,
                $change: &$crate::follower::Change,
            ) -> $crate::Result<()> {
                #[allow(unused_imports)]
                use $module as $sql;
                let $this = self;
                $body
            }
        }
    };
}

/// Both backends' effects; what a follower needs.
pub trait ChangeHandler: ApplyChange<sqlx::Postgres> + ApplyChange<sqlx::Sqlite> {}

impl<T: ApplyChange<sqlx::Postgres> + ApplyChange<sqlx::Sqlite>> ChangeHandler for T {}

/// Where a feed comes from.
#[derive(Clone, Debug)]
pub struct FeedSource {
    /// Name the cursor is stored under, e.g. `registry`.
    pub name: String,
    pub channel: Channel,
    /// Bearer tokens of this consumer (a service identity), renewed when minted.
    pub credentials: Credentials,
}

/// Follows one source into one database.
#[derive(Clone, Debug)]
pub struct Follower {
    journal: Journal,
    source: FeedSource,
}

impl Follower {
    pub fn new(journal: Journal, source: FeedSource) -> Self {
        Self { journal, source }
    }

    fn db(&self) -> &Db {
        self.journal.db()
    }

    /// The last change applied (0 before the first).
    pub async fn position(&self) -> Result<i64> {
        crate::dispatch!(self.db(), sql => position(&self.source.name))
    }

    /// Applies `change` unless it was applied before; true when applied now. Runs in
    /// [`change_span`], so what the effect records continues the change's trace.
    pub async fn apply<H: ChangeHandler>(&self, handler: &H, change: &Change) -> Result<bool> {
        Ok(self
            .apply_in_order(handler, std::slice::from_ref(change))
            .await?
            == 1)
    }

    /// Applies the changes after the cursor among `changes` (in feed order) in one transaction,
    /// each in its [`change_span`]; returns how many were applied now. One transaction for a
    /// run of changes is what lets a follower keep up with a busy feed: the commit, not the
    /// effect, is the cost of a change.
    pub async fn apply_in_order<H: ChangeHandler>(
        &self,
        handler: &H,
        changes: &[Change],
    ) -> Result<usize> {
        let applied = crate::dispatch!(
            self.db(),
            sql => apply_in_order(&self.source.name, handler, changes)
        )?;
        if applied > 0 {
            self.journal.committed();
        }
        Ok(applied)
    }

    /// Follows the source with `handler` in the background, once `host`'s database is migrated
    /// (the cursor and the consumer's tables exist then), until the host stops.
    pub fn start_on<H: ChangeHandler + 'static>(self, host: &crate::host::Host, handler: H) {
        let readiness = host.readiness.clone();
        let stop = host.stop_token();
        tokio::spawn(async move {
            while !readiness.is_ready() {
                tokio::select! {
                    () = tokio::time::sleep(READY_POLL) => {}
                    () = stop.cancelled() => return,
                }
            }
            tracing::info!(source = %self.source.name, "following the feed");
            self.run(&handler, stop).await;
        });
    }

    /// Follows the source from the stored cursor until `stop`, reconnecting
    /// after any failure of the source or of the effect.
    pub async fn run<H: ChangeHandler>(&self, handler: &H, stop: CancellationToken) {
        while !stop.is_cancelled() {
            if let Err(error) = self.follow_once(handler, &stop).await {
                tracing::warn!(source = %self.source.name, error = %error, "feed follower interrupted");
            }
            tokio::select! {
                () = tokio::time::sleep(RETRY) => {}
                () = stop.cancelled() => {}
            }
        }
    }

    async fn follow_once<H: ChangeHandler>(
        &self,
        handler: &H,
        stop: &CancellationToken,
    ) -> Result<()> {
        let after = self.position().await?;
        let mut request = tonic::Request::new(WatchChangesRequest {
            after,
            follow: true,
        });
        set_bearer(request.metadata_mut(), &self.source.credentials.bearer()?)?;
        let mut stream = FeedServiceClient::new(self.source.channel.clone())
            .watch_changes(request)
            .await
            .map_err(|s| unreachable_source(&self.source.name, &s))?
            .into_inner();
        loop {
            let next = tokio::select! {
                next = stream.message() => next,
                () = stop.cancelled() => return Ok(()),
            };
            let mut run = match next {
                Ok(Some(change)) => vec![change],
                Ok(None) => return Ok(()),
                // The source ends a stream when the token it was opened with expires: reconnect
                // with a fresh one, as routine as the end of a page.
                Err(status) if ended_by_token_expiry(&status) => {
                    tracing::debug!(source = %self.source.name, "feed stream ended with its token, reconnecting");
                    return Ok(());
                }
                Err(status) => return Err(unreachable_source(&self.source.name, &status)),
            };
            // The changes already received behind it join it in the same transaction.
            while run.len() < MAX_RUN {
                match stream.message().now_or_never() {
                    Some(Ok(Some(change))) => run.push(change),
                    Some(Err(status)) => {
                        return Err(unreachable_source(&self.source.name, &status));
                    }
                    Some(Ok(None)) | None => break,
                }
            }
            if let Err(error) = self.apply_in_order(handler, &run).await {
                // One change's effect failed and took the run's transaction with it: the changes
                // before it are applied one by one, so the cursor stops right before the one
                // that fails.
                if run.len() == 1 {
                    return Err(error);
                }
                for change in &run {
                    self.apply(handler, change).await?;
                }
            }
        }
    }
}

/// The span applying `change` of `source`: a child of the producer's span that wrote it (from
/// the change's `trace_id` and `span_id`), or a new trace when the change was written untraced.
pub fn change_span(source: &str, change: &Change) -> tracing::Span {
    let event = change.event.as_ref().map_or("", |e| e.type_url.as_str());
    let span = tracing::info_span!(
        "follow",
        feed.source = %source,
        feed.seq = change.seq,
        feed.event = %event,
    );
    if let Some(parent) = crate::telemetry::remote_parent(&change.trace_id, &change.span_id) {
        let _ = span.set_parent(parent);
    }
    span
}

fn ended_by_token_expiry(status: &tonic::Status) -> bool {
    use tonic_types::StatusExt as _;
    status.code() == tonic::Code::Unauthenticated
        && status
            .get_error_details()
            .error_info()
            .is_some_and(|info| info.reason == crate::auth::AuthError::Expired.reason())
}

fn unreachable_source(source: &str, status: &tonic::Status) -> Error {
    Error::Unavailable(text!(
        "无法读取 {source} 的变更流：{message}",
        "cannot read the change feed of {source}: {message}",
        message = status.message()
    ))
}
