//! The feed under load: 16 concurrent writers while a watcher hangs up after
//! a varying number of changes and resumes from its cursor; every change
//! arrives exactly once, in order, without gaps.

use std::collections::HashSet;
use std::time::Duration;

use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use rectify_proto::feed::v1::{Change, GetFeedHeadRequest, WatchChangesRequest};
use tokio_stream::StreamExt as _;

use super::Subject;
use crate::authorized;

const WRITERS: usize = 16;
const WRITES_PER_WRITER: usize = 25;

/// The sequenced head now.
pub async fn head<S: Subject>(subject: &S) -> i64 {
    FeedServiceClient::new(subject.channel())
        .get_feed_head(authorized(GetFeedHeadRequest {}, &subject.feed_reader()))
        .await
        .expect("feed head")
        .into_inner()
        .seq
}

/// The head once it has reached `at_least` (up to 10 s) and then stayed put
/// for 300 ms.
pub async fn settled_head<S: Subject>(subject: &S, at_least: i64) -> i64 {
    for _ in 0..200 {
        if head(subject).await >= at_least {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    head(subject).await
}

/// Up to `limit` changes after `after`, then hangs up.
async fn watch_some<S: Subject>(subject: &S, after: i64, limit: usize) -> Vec<Change> {
    let mut stream = FeedServiceClient::new(subject.channel())
        .watch_changes(authorized(
            WatchChangesRequest {
                after,
                follow: true,
            },
            &subject.feed_reader(),
        ))
        .await
        .expect("watch")
        .into_inner();
    let mut out = Vec::new();
    while out.len() < limit {
        match tokio::time::timeout(Duration::from_secs(10), stream.next()).await {
            Ok(Some(Ok(change))) => out.push(change),
            Ok(Some(Err(status))) => panic!("feed error: {status:?}"),
            Ok(None) => panic!("a following stream ended"),
            Err(_) => break,
        }
    }
    out
}

pub async fn concurrent_writers_and_a_resuming_watcher_see_every_change_once<S: Subject>(
    subject: &S,
) {
    let who = subject.audience();
    let start = settled_head(subject, 0).await;
    let total = (WRITERS * WRITES_PER_WRITER) as i64;
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let writes: Vec<_> = (0..WRITES_PER_WRITER)
                .map(|n| subject.write(w, n, format!("load-{w}-{n}"), false))
                .collect();
            tokio::spawn(async move {
                for (n, write) in writes.into_iter().enumerate() {
                    write
                        .await
                        .unwrap_or_else(|s| panic!("writer {w}, write {n}: {s:?}"));
                }
            })
        })
        .collect();

    let mut writers: Vec<_> = writers.into_iter().map(Some).collect();
    let mut cursor = start;
    let mut seen = Vec::new();
    let mut reconnects = 0;
    while cursor < start + total {
        // A writer that failed never writes its changes: say why rather than wait for them.
        for writer in &mut writers {
            if writer.as_ref().is_some_and(|w| w.is_finished())
                && let Some(finished) = writer.take()
            {
                finished.await.expect("writer");
            }
        }
        // Hang up after a varying number of changes, as a flaky link would.
        let batch = watch_some(subject, cursor, 3 + (reconnects % 11)).await;
        reconnects += 1;
        assert!(reconnects < 10_000, "{who}: the watcher made no progress");
        for change in batch {
            assert_eq!(change.seq, cursor + 1, "{who}: in order, without gaps");
            cursor = change.seq;
            seen.push(change);
        }
    }
    for writer in writers.into_iter().flatten() {
        writer.await.expect("writer");
    }
    assert!(
        reconnects > 20,
        "{who}: the watcher resumed many times ({reconnects})"
    );
    let request_ids: HashSet<_> = seen.iter().map(|c| c.request_id.clone()).collect();
    assert_eq!(seen.len() as i64, total, "{who}: every change exactly once");
    assert_eq!(
        request_ids.len() as i64,
        total,
        "{who}: none delivered twice"
    );
    for w in 0..WRITERS {
        for n in 0..WRITES_PER_WRITER {
            assert!(
                request_ids.contains(&format!("load-{w}-{n}")),
                "{who}: the change of load-{w}-{n} is missing"
            );
        }
    }
    assert!(
        seen.iter().all(|c| c.event.is_some()),
        "{who}: every change carries its typed event"
    );
    assert!(
        watch_some(subject, start + total, 1).await.is_empty(),
        "{who}: nothing after the last change"
    );
}
