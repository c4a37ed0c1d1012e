//! Reading any service's typed event without knowing its message, from the descriptor set:
//! the enterprise it concerns (for the timeline of events the projection does not decode) and
//! every evidence it carries (for the timeline's readers).

use std::sync::OnceLock;

use prost::Message as _;
use prost_reflect::{DescriptorPool, DynamicMessage, ReflectMessage as _, Value};
use prost_types::Any;
use rectify_proto::workitems::v1 as wi;

use crate::domain::fact::enterprise_id;

const EVIDENCE: &str = "rectify.workitems.v1.Evidence";
/// How deep nested messages are searched.
const DEPTH: usize = 4;

fn pool() -> Option<&'static DescriptorPool> {
    static POOL: OnceLock<Option<DescriptorPool>> = OnceLock::new();
    POOL.get_or_init(|| DescriptorPool::decode(rectify_proto::FILE_DESCRIPTOR_SET).ok())
        .as_ref()
}

fn dynamic(any: &Any) -> Option<DynamicMessage> {
    let name = any.type_url.rsplit('/').next()?;
    let descriptor = pool()?.get_message_by_name(name)?;
    DynamicMessage::decode(descriptor, any.value.as_slice()).ok()
}

/// The enterprise id an event names in a field `enterprise` (a `enterprises/{id}` string, or
/// a message whose `name` is one), at the top or in a nested message.
pub fn enterprise_of(any: &Any) -> Option<String> {
    find_enterprise(&dynamic(any)?, DEPTH)
}

fn find_enterprise(message: &DynamicMessage, depth: usize) -> Option<String> {
    if let Some(value) = message.get_field_by_name("enterprise") {
        match value.as_ref() {
            Value::String(name) => {
                if let Some(id) = enterprise_id(name) {
                    return Some(id.to_owned());
                }
            }
            Value::Message(inner) => {
                if let Some(Value::String(name)) = inner.get_field_by_name("name").as_deref()
                    && let Some(id) = enterprise_id(name)
                {
                    return Some(id.to_owned());
                }
            }
            _ => {}
        }
    }
    if depth == 0 {
        return None;
    }
    message.fields().find_map(|(_, value)| match value {
        Value::Message(inner) => find_enterprise(inner, depth - 1),
        _ => None,
    })
}

/// Every `rectify.workitems.v1.Evidence` inside the event, in field order.
pub fn evidence_in(any: &Any) -> Vec<wi::Evidence> {
    let mut out = Vec::new();
    if let Some(message) = dynamic(any) {
        collect_evidence(&message, DEPTH, &mut out);
    }
    out
}

fn collect_evidence(message: &DynamicMessage, depth: usize, out: &mut Vec<wi::Evidence>) {
    if message.descriptor().full_name() == EVIDENCE {
        if let Ok(evidence) = wi::Evidence::decode(message.encode_to_vec().as_slice()) {
            out.push(evidence);
        }
        return;
    }
    if depth == 0 {
        return;
    }
    for (_, value) in message.fields() {
        match value {
            Value::Message(inner) => collect_evidence(inner, depth - 1, out),
            Value::List(list) => {
                for v in list {
                    if let Value::Message(inner) = v {
                        collect_evidence(inner, depth - 1, out);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use rectify_proto::land::v1 as land;

    use super::*;

    #[test]
    fn the_enterprise_and_evidence_of_an_event_not_decoded_are_found() {
        let event = land::DemolitionRecorded {
            enterprise: "enterprises/e9".into(),
            jurisdiction: "yuelai".into(),
            demolition: None,
            evidence: Some(wi::Evidence {
                note: "拆除完毕".into(),
                ..Default::default()
            }),
        };
        let any = Any::from_msg(&event).expect("pack");
        assert_eq!(enterprise_of(&any).as_deref(), Some("e9"));
        let evidence = evidence_in(&any);
        assert_eq!(evidence.len(), 1);
        assert_eq!(evidence[0].note, "拆除完毕");
    }

    #[test]
    fn a_nested_work_item_names_the_enterprise() {
        let event = wi::WorkItemStarted {
            work_item: Some(wi::WorkItem {
                enterprise: "enterprises/e3".into(),
                ..Default::default()
            }),
            step: None,
        };
        let any = Any::from_msg(&event).expect("pack");
        assert_eq!(enterprise_of(&any).as_deref(), Some("e3"));
        assert!(evidence_in(&any).is_empty());
    }
}
