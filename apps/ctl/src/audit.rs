//! `rectifyctl audit verify`: reads a service's feed and checks its hash chain
//! (docs/architecture.md, "The journal"), so that an altered, deleted or truncated audit record shows.

use std::fmt;

use rectify_kit::journal::{Anchor, ChainBreak, ChainVerifier};
use rectify_proto::coordinator::v1 as cpb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_proto::feed::v1 as pb;
use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use tonic::transport::Channel;

use crate::client::{authorized, call_failed};

/// The outcome of checking a whole audit chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditReport {
    /// Every entry up to the head is present, unaltered and chained.
    Intact {
        /// Entries verified, the head's sequence number.
        entries: i64,
        /// The head's chain hash (64 zeros for an empty log).
        head_hash: String,
    },
    /// The first place where the chain breaks.
    Broken(ChainBreak),
}

impl AuditReport {
    /// Whether the chain verified.
    pub fn is_intact(&self) -> bool {
        matches!(self, AuditReport::Intact { .. })
    }
}

impl fmt::Display for AuditReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditReport::Intact { entries, head_hash } => write!(
                f,
                "audit chain intact: {entries} entries, head {entries}:{head_hash}\n\
                 to check later that none of these entries changed or went missing, verify again with:\n\
                 --expect-head {entries}:{head_hash}"
            ),
            AuditReport::Broken(chain_break) => chain_break.fmt(f),
        }
    }
}

/// Checks the audit chain of the service behind `channel`, as `token`'s caller.
///
/// The head is read first and the feed then checked up to it: changes
/// committed while the check runs lie beyond that head and cannot be mistaken
/// for a truncated tail. An `Err` means the chain could not be checked
/// (unreachable, refused), never that it is broken.
///
/// With an `anchor` (a head recorded earlier) the chain must also contain
/// that entry unchanged.
pub async fn verify_audit(
    channel: Channel,
    token: &str,
    anchor: Option<Anchor>,
) -> anyhow::Result<AuditReport> {
    let mut client = FeedServiceClient::new(channel);
    let head = client
        .get_feed_head(authorized(pb::GetFeedHeadRequest {}, token)?)
        .await
        .map_err(|status| call_failed("reading the feed head", &status))?
        .into_inner();
    let mut verifier = anchor.map_or_else(ChainVerifier::default, ChainVerifier::with_anchor);
    if head.seq > 0 {
        let request = pb::WatchChangesRequest {
            after: 0,
            follow: false,
        };
        let mut stream = client
            .watch_changes(authorized(request, token)?)
            .await
            .map_err(|status| call_failed("reading the change feed", &status))?
            .into_inner();
        while verifier.verified() < head.seq {
            let Some(change) = stream
                .message()
                .await
                .map_err(|status| call_failed("reading the change feed", &status))?
            else {
                break;
            };
            if let Err(chain_break) = verifier.push(&change) {
                return Ok(AuditReport::Broken(chain_break));
            }
        }
    }
    Ok(match verifier.finish(&head) {
        Ok(()) => AuditReport::Intact {
            entries: verifier.verified(),
            head_hash: head.hash,
        },
        Err(chain_break) => AuditReport::Broken(chain_break),
    })
}

/// The head of `service`'s feed as the coordinator behind `channel` last applied it: an
/// anchor recorded outside the service, to check its chain against.
pub async fn coordinator_anchor(
    channel: Channel,
    token: &str,
    service: &str,
) -> anyhow::Result<Anchor> {
    let request = cpb::GetAuditAnchorsRequest {
        service: service.to_owned(),
    };
    let anchors = CoordinatorServiceClient::new(channel)
        .get_audit_anchors(authorized(request, token)?)
        .await
        .map_err(|status| call_failed("reading the coordinator's audit anchors", &status))?
        .into_inner()
        .anchors;
    let anchor = anchors
        .into_iter()
        .find(|a| a.service == service)
        .ok_or_else(|| anyhow::anyhow!("the coordinator has applied nothing of {service} yet"))?;
    Ok(Anchor {
        seq: anchor.seq,
        hash: anchor.hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_read_as_one_line_for_people() {
        let intact = AuditReport::Intact {
            entries: 3,
            head_hash: "ab12".into(),
        };
        assert_eq!(
            intact.to_string(),
            "audit chain intact: 3 entries, head 3:ab12\n\
             to check later that none of these entries changed or went missing, verify again with:\n\
             --expect-head 3:ab12",
            "intact, with the head ready to paste after --expect-head"
        );
        let broken = AuditReport::Broken(ChainBreak::HashMismatch { seq: 7 });
        assert_eq!(
            broken.to_string(),
            "chain broken at seq 7: content does not match its hash (altered)",
            "broken"
        );
        assert!(intact.is_intact() && !broken.is_intact(), "is_intact");
    }
}
