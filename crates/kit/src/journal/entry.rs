//! One journal entry: a change as written, numbered and hash-chained, and the
//! hash that links it to the one before.

use chrono::{DateTime, Utc};
use rectify_proto::feed::v1 as pb;
use sha2::{Digest, Sha256};

/// `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A change a handler records in its transaction.
#[derive(Clone, Debug)]
pub struct NewChange {
    /// What happened, e.g. `finding.reported`.
    pub action: &'static str,
    /// The resource it concerns, e.g. `enterprises/0190…`.
    pub resource: String,
    /// The resource's new state, or the change, as JSON.
    pub payload: serde_json::Value,
}

/// The fields a writer stores; the sequencer adds `seq` and the hashes.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct EntryFields {
    pub recorded_at: DateTime<Utc>,
    pub actor: String,
    pub request_id: String,
    pub action: String,
    pub resource: String,
    pub payload: String,
    pub trace_id: String,
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

/// SHA-256 over the previous hash, the position and every field, each
/// length-prefixed so that no two different entries hash alike.
pub fn chain_hash(prev_hash: &str, seq: i64, fields: &EntryFields) -> String {
    let seq = seq.to_string();
    let micros = fields.recorded_at.timestamp_micros().to_string();
    let mut hasher = Sha256::new();
    for part in [
        prev_hash,
        &seq,
        &micros,
        &fields.actor,
        &fields.request_id,
        &fields.action,
        &fields.resource,
        &fields.trace_id,
        &fields.payload,
    ] {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
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
            action: entry.fields.action,
            resource: entry.fields.resource,
            payload_json: entry.fields.payload,
            prev_hash: entry.prev_hash,
            hash: entry.hash,
            trace_id: entry.fields.trace_id,
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
        Ok(EntryFields {
            recorded_at,
            actor: change.actor.clone(),
            request_id: change.request_id.clone(),
            action: change.action.clone(),
            resource: change.resource.clone(),
            payload: change.payload_json.clone(),
            trace_id: change.trace_id.clone(),
        })
    }
}
