//! Checks a journal's hash chain, as `rectifyctl audit verify` does over the
//! feed: positions without gaps, each `prev_hash` equal to the hash before,
//! each hash recomputed from the fields.

use rectify_proto::feed::v1 as pb;

use super::entry::{EntryFields, GENESIS_HASH, chain_hash};

/// Where and how the chain breaks.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("chain broken at seq {expected}: entry missing (next entry present is seq {found})")]
    Missing { expected: i64, found: i64 },
    #[error("chain broken at seq {seq}: prev_hash does not match the hash of seq {}", .seq - 1)]
    PrevHashMismatch { seq: i64 },
    #[error("chain broken at seq {seq}: content does not match its hash (altered)")]
    HashMismatch { seq: i64 },
    #[error("chain broken at seq {seq}: {reason}")]
    Unreadable { seq: i64, reason: String },
    #[error("chain ends at seq {last} but the head says {head}: entries after {last} are missing")]
    TruncatedTail { last: i64, head: i64 },
    #[error("chain broken at seq {seq}: differs from the head recorded earlier (rewritten)")]
    AnchorMismatch { seq: i64 },
    #[error(
        "chain ends at seq {last} but seq {anchor} was recorded earlier: entries {} to {anchor} were removed", .last + 1
    )]
    BeforeAnchor { last: i64, anchor: i64 },
}

/// A head recorded earlier outside the service (`SEQ:HASH`, e.g. from an
/// earlier verification kept in a report). A deleted tail whose head row was
/// rewritten to match is still caught against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
}

impl std::str::FromStr for Anchor {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (seq, hash) = text
            .split_once(':')
            .ok_or_else(|| format!("expected SEQ:HASH, got {text:?}"))?;
        let seq = seq
            .trim()
            .parse()
            .map_err(|_| format!("{seq:?} is not a sequence number"))?;
        let hash = hash.trim().to_ascii_lowercase();
        if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("{hash:?} is not a SHA-256 in hex"));
        }
        Ok(Anchor { seq, hash })
    }
}

/// Verifies changes one at a time, in feed order.
#[derive(Debug)]
pub struct ChainVerifier {
    next_seq: i64,
    prev_hash: String,
    anchor: Option<Anchor>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            next_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
            anchor: None,
        }
    }
}

impl ChainVerifier {
    /// A verifier that also holds the chain to a head recorded earlier.
    pub fn with_anchor(anchor: Anchor) -> Self {
        Self {
            anchor: Some(anchor),
            ..Self::default()
        }
    }

    /// Checks the next change of the feed.
    pub fn push(&mut self, change: &pb::Change) -> Result<(), ChainBreak> {
        if change.seq != self.next_seq {
            return Err(ChainBreak::Missing {
                expected: self.next_seq,
                found: change.seq,
            });
        }
        if change.prev_hash != self.prev_hash {
            return Err(ChainBreak::PrevHashMismatch { seq: change.seq });
        }
        let fields = EntryFields::try_from(change).map_err(|e| ChainBreak::Unreadable {
            seq: change.seq,
            reason: e.to_string(),
        })?;
        if chain_hash(&change.prev_hash, change.seq, &fields) != change.hash {
            return Err(ChainBreak::HashMismatch { seq: change.seq });
        }
        if let Some(anchor) = &self.anchor
            && anchor.seq == change.seq
            && anchor.hash != change.hash
        {
            return Err(ChainBreak::AnchorMismatch { seq: change.seq });
        }
        self.next_seq += 1;
        self.prev_hash = change.hash.clone();
        Ok(())
    }

    /// Number of entries verified so far.
    pub fn verified(&self) -> i64 {
        self.next_seq - 1
    }

    /// Compares the end of the chain with the service's recorded head, and
    /// with the anchor if there is one.
    pub fn finish(&self, head: &pb::FeedHead) -> Result<(), ChainBreak> {
        if head.seq != self.verified() || (head.seq > 0 && head.hash != self.prev_hash) {
            return Err(ChainBreak::TruncatedTail {
                last: self.verified(),
                head: head.seq,
            });
        }
        match &self.anchor {
            Some(anchor) if anchor.seq > self.verified() => Err(ChainBreak::BeforeAnchor {
                last: self.verified(),
                anchor: anchor.seq,
            }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::entry::{Entry, now_micros};

    fn chain(n: i64) -> Vec<pb::Change> {
        chain_of(n, "n")
    }

    /// A valid chain of `n` entries whose payloads carry `tag`.
    fn chain_of(n: i64, tag: &str) -> Vec<pb::Change> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let fields = EntryFields {
                    recorded_at: now_micros(),
                    actor: "office/alice".into(),
                    request_id: format!("r{seq}"),
                    resource: format!("things/{seq}"),
                    event_type: "type.googleapis.com/test.Changed".into(),
                    event: format!("{tag}:{seq}").into_bytes(),
                    trace_id: String::new(),
                    span_id: String::new(),
                };
                let hash = chain_hash(&prev, seq, &fields);
                let entry = Entry {
                    seq,
                    fields,
                    prev_hash: std::mem::replace(&mut prev, hash.clone()),
                    hash,
                };
                entry.into()
            })
            .collect()
    }

    fn verify(changes: &[pb::Change]) -> Result<(), ChainBreak> {
        let mut verifier = ChainVerifier::default();
        changes.iter().try_for_each(|c| verifier.push(c))
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(()));
    }

    #[test]
    fn an_altered_event_breaks_the_chain_at_that_entry() {
        let mut changes = chain(5);
        if let Some(event) = changes[2].event.as_mut() {
            event.value = b"n:99".to_vec();
        }
        assert_eq!(verify(&changes), Err(ChainBreak::HashMismatch { seq: 3 }));
    }

    #[test]
    fn a_deleted_middle_entry_breaks_the_chain_where_it_was() {
        let mut changes = chain(5);
        changes.remove(1);
        assert_eq!(
            verify(&changes),
            Err(ChainBreak::Missing {
                expected: 2,
                found: 3
            })
        );
    }

    #[test]
    fn a_tail_deleted_with_its_head_rewritten_is_caught_by_an_anchor() {
        let changes = chain(5);
        let anchor: Anchor = format!("5:{}", changes[4].hash).parse().expect("anchor");
        let mut verifier = ChainVerifier::with_anchor(anchor);
        for c in &changes[..3] {
            verifier.push(c).expect("prefix verifies");
        }
        // The intruder also set the head row to the last remaining entry.
        let rewritten_head = pb::FeedHead {
            seq: 3,
            hash: changes[2].hash.clone(),
        };
        assert_eq!(
            verifier.finish(&rewritten_head),
            Err(ChainBreak::BeforeAnchor { last: 3, anchor: 5 })
        );
    }

    #[test]
    fn a_rewritten_chain_differs_from_its_anchor() {
        let original = chain(3);
        let anchor: Anchor = format!("2:{}", original[1].hash).parse().expect("anchor");
        let rewritten = chain_of(3, "forged"); // consistent in itself, other content
        let mut verifier = ChainVerifier::with_anchor(anchor);
        verifier
            .push(&rewritten[0])
            .expect("first entry is consistent in itself");
        assert_eq!(
            verifier.push(&rewritten[1]),
            Err(ChainBreak::AnchorMismatch { seq: 2 })
        );
    }

    #[test]
    fn anchors_parse_from_seq_and_hash() {
        let hash = "ab".repeat(32);
        assert_eq!(
            format!("7:{hash}").parse::<Anchor>(),
            Ok(Anchor {
                seq: 7,
                hash: hash.clone()
            })
        );
        for bad in ["7", "x:ab", "7:abc", &format!("7:{}", "zz".repeat(32))] {
            assert!(bad.parse::<Anchor>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn a_deleted_tail_is_caught_by_the_head() {
        let changes = chain(5);
        let mut verifier = ChainVerifier::default();
        for c in &changes[..3] {
            verifier.push(c).expect("prefix verifies");
        }
        let head = pb::FeedHead {
            seq: 5,
            hash: changes[4].hash.clone(),
        };
        assert_eq!(
            verifier.finish(&head),
            Err(ChainBreak::TruncatedTail { last: 3, head: 5 })
        );
    }
}
