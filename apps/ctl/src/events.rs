//! Typed feed events as readable JSON: decoded through the descriptor set of
//! every rectify proto (prost-reflect), so `feed tail` needs no per-service code.

use std::sync::OnceLock;

use prost_reflect::{DescriptorPool, DynamicMessage, SerializeOptions};
use rectify_proto::feed::v1 as pb;

fn pool() -> Option<&'static DescriptorPool> {
    static POOL: OnceLock<Option<DescriptorPool>> = OnceLock::new();
    POOL.get_or_init(|| DescriptorPool::decode(rectify_proto::FILE_DESCRIPTOR_SET).ok())
        .as_ref()
}

/// The change's event as compact JSON (proto field names), or a JSON string
/// saying why it could not be shown.
pub fn event_json(change: &pb::Change) -> String {
    match decode(change) {
        Ok(json) => json,
        Err(why) => serde_json::Value::String(why).to_string(),
    }
}

fn decode(change: &pb::Change) -> Result<String, String> {
    let event = change.event.as_ref().ok_or("change has no event")?;
    let name = event.type_url.rsplit('/').next().unwrap_or_default();
    let pool = pool().ok_or("descriptor set does not decode")?;
    let descriptor = pool
        .get_message_by_name(name)
        .ok_or_else(|| format!("unknown event type {name}"))?;
    let message = DynamicMessage::decode(descriptor, event.value.as_slice())
        .map_err(|e| format!("event {name} does not decode: {e}"))?;
    let mut out = serde_json::Serializer::new(Vec::new());
    message
        .serialize_with_options(
            &mut out,
            &SerializeOptions::new().use_proto_field_name(true),
        )
        .map_err(|e| format!("event {name} cannot be shown: {e}"))?;
    String::from_utf8(out.into_inner()).map_err(|e| e.to_string())
}
