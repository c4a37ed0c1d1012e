//! One journal entry: a change as written, numbered and hash-chained, and the
//! hash that links it to the one before.

use chrono::{DateTime, Utc};
use rectify_proto::feed::v1 as pb;
use sha2::{Digest, Sha256};

/// `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A change a write records in its transaction: a typed event about a resource.
#[derive(Clone, Debug, PartialEq)]
pub struct NewChange {
    /// The resource it concerns, e.g. `enterprises/0190…`.
    pub resource: String,
    /// The event, a message of the producing service's proto, packed.
    pub event: prost_types::Any,
}

impl NewChange {
    /// Packs `event` (a message declared in a service's proto) about `resource`.
    pub fn new<E: prost::Name>(resource: impl Into<String>, event: &E) -> Self {
        Self {
            resource: resource.into(),
            event: prost_types::Any {
                type_url: E::type_url(),
                value: event.encode_to_vec(),
            },
        }
    }
}

/// The fields a writer stores; the sequencer adds `seq` and the hashes.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct EntryFields {
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub request_id: String,
    pub resource: String,
    /// Type URL of the event, e.g. `type.googleapis.com/rectify.registry.v1.PlanPublished`.
    pub event_type: String,
    /// The event's encoded bytes, exactly as hashed.
    pub event: Vec<u8>,
    pub trace_id: String,
    pub span_id: String,
}

/// A numbered, chained entry as the feed serves it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Entry {
    pub seq: i64,
    #[sqlx(flatten)]
    pub fields: EntryFields,
    pub prev_hash: String,
    pub hash: String,
}

/// The current time at the precision both databases keep (microseconds), so
/// the hashed value is the stored value.
pub fn now_micros() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
}

/// SHA-256 over the previous hash, the position and every field (the event's
/// type URL and stored bytes included), each length-prefixed so that no two
/// different entries hash alike.
pub fn chain_hash(prev_hash: &str, seq: i64, fields: &EntryFields) -> String {
    let seq = seq.to_string();
    let micros = fields.recorded_at.timestamp_micros().to_string();
    let mut hasher = Sha256::new();
    for part in [
        prev_hash.as_bytes(),
        seq.as_bytes(),
        micros.as_bytes(),
        fields.actor.as_bytes(),
        fields.request_id.as_bytes(),
        fields.resource.as_bytes(),
        fields.trace_id.as_bytes(),
        fields.span_id.as_bytes(),
        fields.event_type.as_bytes(),
        &fields.event,
    ] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hex::encode(hasher.finalize())
}

impl From<Entry> for pb::Change {
    fn from(entry: Entry) -> Self {
        let at = entry.fields.recorded_at;
        pb::Change {
            seq: entry.seq,
            recorded_at: Some(prost_types::Timestamp {
                seconds: at.timestamp(),
                nanos: at.timestamp_subsec_nanos() as i32,
            }),
            actor: entry.fields.actor,
            request_id: entry.fields.request_id,
            resource: entry.fields.resource,
            event: Some(prost_types::Any {
                type_url: entry.fields.event_type,
                value: entry.fields.event,
            }),
            prev_hash: entry.prev_hash,
            hash: entry.hash,
            trace_id: entry.fields.trace_id,
            span_id: entry.fields.span_id,
        }
    }
}

impl TryFrom<&pb::Change> for EntryFields {
    type Error = anyhow::Error;

    fn try_from(change: &pb::Change) -> anyhow::Result<Self> {
        let at = change
            .recorded_at
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("change {} has no recorded_at", change.seq))?;
        let recorded_at = DateTime::from_timestamp(at.seconds, at.nanos as u32)
            .ok_or_else(|| anyhow::anyhow!("change {} has an invalid time", change.seq))?;
        let event = change
            .event
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("change {} has no event", change.seq))?;
        Ok(EntryFields {
            recorded_at,
            actor: change.actor.clone(),
            request_id: change.request_id.clone(),
            resource: change.resource.clone(),
            event_type: event.type_url.clone(),
            event: event.value.clone(),
            trace_id: change.trace_id.clone(),
            span_id: change.span_id.clone(),
        })
    }
}
