//! Waiting for a coordinator to have followed every feed it reads.

use std::future::Future;
use std::time::Duration;

use rectify_campaign::ServiceName;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use tonic::transport::Channel;

use crate::authorized;

/// Waits (up to 60 s) until the feed heads `heads` reads have stopped moving and the
/// coordinator at `coordinator` (read with `token`) has applied every change of each: its audit
/// anchors stand at the heads.
pub async fn caught_up<F, Fut>(heads: F, coordinator: Channel, token: &str)
where
    F: Fn() -> Fut,
    Fut: Future<Output = Vec<(ServiceName, i64)>>,
{
    let mut client = CoordinatorServiceClient::new(coordinator);
    let mut previous = Vec::new();
    for _ in 0..600 {
        let now = heads().await;
        let anchors = client
            .get_audit_anchors(authorized(pb::GetAuditAnchorsRequest::default(), token))
            .await
            .expect("audit anchors")
            .into_inner()
            .anchors;
        let applied: Vec<(ServiceName, i64)> = now
            .iter()
            .map(|(name, _)| {
                let seq = anchors
                    .iter()
                    .find(|a| a.service == name.as_str())
                    .map_or(0, |a| a.seq);
                (*name, seq)
            })
            .collect();
        if applied == now && now == previous {
            return;
        }
        previous = now;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the coordinator did not catch up with the feeds in 60 s");
}
