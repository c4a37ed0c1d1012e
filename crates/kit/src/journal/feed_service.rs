//! `rectify.feed.v1.FeedService`: replay from a cursor, then follow.

use std::pin::Pin;
use std::time::Duration;

use futures::Stream;
use rectify_proto::feed::v1 as pb;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};

use super::sequencer::Journal;
use super::sql;
use crate::auth::{AuthError, Principal};
use crate::caller::{principal, token_expiry};
use crate::error::{Error, Reason};

const PAGE: i64 = 500;
/// A follower re-reads at least this often, even when nothing woke it.
const IDLE_RECHECK: Duration = Duration::from_secs(2);

/// Who may read a service's feed.
pub type FeedAccess = fn(&Principal) -> bool;

/// The feed of one service.
#[derive(Clone, Debug)]
pub struct FeedServer {
    journal: Journal,
    access: FeedAccess,
    stop: CancellationToken,
}

impl FeedServer {
    /// `stop` ends following streams, so that shutdown does not wait on them.
    pub fn new(journal: Journal, access: FeedAccess, stop: CancellationToken) -> Self {
        Self {
            journal,
            access,
            stop,
        }
    }

    fn authorize<T>(&self, request: &Request<T>) -> Result<(), Error> {
        let caller = principal(request)?;
        if (self.access)(&caller) {
            Ok(())
        } else {
            Err(Error::permission_denied(
                Reason::FeedAccessDenied,
                crate::text!(
                    "{party} 无权读取本服务的变更流",
                    "{party} may not read this service's change feed",
                    party = caller.party
                ),
            ))
        }
    }
}

type ChangeStream = Pin<Box<dyn Stream<Item = Result<pb::Change, Status>> + Send>>;

#[tonic::async_trait]
impl pb::feed_service_server::FeedService for FeedServer {
    type WatchChangesStream = ChangeStream;

    #[tracing::instrument(skip_all, fields(after = request.get_ref().after, follow = request.get_ref().follow))]
    async fn watch_changes(
        &self,
        request: Request<pb::WatchChangesRequest>,
    ) -> Result<Response<Self::WatchChangesStream>, Status> {
        self.authorize(&request)?;
        let expiry = token_expiry(&request);
        let pb::WatchChangesRequest { after, follow } = request.into_inner();
        if after < 0 {
            return Err(
                Error::invalid("after", "游标不能为负数 (cursor must not be negative)").into(),
            );
        }
        let (sender, receiver) = mpsc::channel(PAGE as usize);
        let journal = self.journal.clone();
        let stop = self.stop.clone();
        tokio::spawn(stream_changes(journal, after, follow, sender, stop, expiry));
        Ok(Response::new(Box::pin(ReceiverStream::new(receiver))))
    }

    async fn get_feed_head(
        &self,
        request: Request<pb::GetFeedHeadRequest>,
    ) -> Result<Response<pb::FeedHead>, Status> {
        self.authorize(&request)?;
        let (seq, hash) =
            crate::dispatch!(self.journal.db(), sql => head()).map_err(Error::from)?;
        Ok(Response::new(pb::FeedHead { seq, hash }))
    }
}

async fn stream_changes(
    journal: Journal,
    mut after: i64,
    follow: bool,
    sender: mpsc::Sender<Result<pb::Change, Status>>,
    stop: CancellationToken,
    expiry: Option<i64>,
) {
    let mut head = journal.subscribe();
    // A stream does not outlive the token it was opened with: the follower reconnects with a
    // fresh one (and a caller whose token ran out is told so).
    let expired = until_unix(expiry);
    tokio::pin!(expired);
    loop {
        head.mark_unchanged();
        let page = match crate::dispatch!(journal.db(), sql => read_after(after, PAGE)) {
            Ok(page) => page,
            Err(error) => {
                let _ = sender.send(Err(Error::from(error).into())).await;
                return;
            }
        };
        let full = page.len() as i64 == PAGE;
        for entry in page {
            after = entry.seq;
            if sender.send(Ok(entry.into())).await.is_err() {
                return;
            }
        }
        if full {
            continue;
        }
        if !follow {
            return;
        }
        tokio::select! {
            changed = head.changed() => if changed.is_err() { return },
            () = tokio::time::sleep(IDLE_RECHECK) => {}
            () = sender.closed() => return,
            () = stop.cancelled() => return,
            () = &mut expired => {
                let _ = sender.send(Err(Error::Unauthenticated(AuthError::Expired).into())).await;
                return;
            }
        }
    }
}

/// Resolves at the Unix second `at`; never when there is none.
async fn until_unix(at: Option<i64>) {
    let Some(at) = at else {
        return std::future::pending().await;
    };
    let now = chrono::Utc::now().timestamp_millis();
    let wait = at.saturating_mul(1000).saturating_sub(now).max(0);
    tokio::time::sleep(Duration::from_millis(u64::try_from(wait).unwrap_or(0))).await;
}
