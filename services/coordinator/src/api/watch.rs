//! `WatchProgress`: the caller's summary at once, then again whenever the projection changed
//! it. Woken by each change applied (and, as a safety net, every few seconds), it reads the
//! summary and sends it only when a figure differs from the last one sent.

use std::time::Duration;

use futures::Stream;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;
use tonic::Status;

use rectify_proto::coordinator::v1 as pb;

use super::service::{CoordinatorApi, SummaryScope};

/// A change is applied before its transaction commits: read a moment later.
const SETTLE: Duration = Duration::from_millis(20);
/// Read again at least this often, whatever woke us.
const REFRESH: Duration = Duration::from_secs(2);

/// The summary without its read time, to compare what changed.
fn figures(summary: &pb::Summary) -> pb::Summary {
    pb::Summary {
        read_time: None,
        ..summary.clone()
    }
}

/// The stream of `scope`'s summaries.
pub fn stream(
    api: CoordinatorApi,
    scope: SummaryScope,
) -> std::pin::Pin<Box<dyn Stream<Item = Result<pb::Summary, Status>> + Send>> {
    let (tx, rx) = mpsc::channel(4);
    let mut changes = api.changes.subscribe();
    tokio::spawn(async move {
        let mut last: Option<pb::Summary> = None;
        loop {
            match api.summary_of(&scope).await {
                Ok(summary) => {
                    if last.as_ref() != Some(&figures(&summary)) {
                        last = Some(figures(&summary));
                        if tx.send(Ok(summary)).await.is_err() {
                            return;
                        }
                    }
                }
                Err(error) => {
                    let _ = tx.send(Err(error.into())).await;
                    return;
                }
            }
            tokio::select! {
                changed = changes.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    tokio::time::sleep(SETTLE).await;
                }
                () = tokio::time::sleep(REFRESH) => {}
                () = tx.closed() => return,
            }
        }
    });
    Box::pin(ReceiverStream::new(rx))
}
