//! Who a change is recorded for: the caller of a request, or a service
//! applying another service's change, with the trace the work belongs to.

use rectify_proto::feed::v1::Change;

/// The author of a change as the journal records it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// `party/subject`.
    pub actor: String,
    /// The caller's request_id, or `{source}:{seq}` of the change followed.
    pub request_id: String,
    /// W3C trace id, empty when untraced.
    pub trace_id: String,
    /// W3C span id of the writing call, empty when untraced.
    pub span_id: String,
}

impl Origin {
    /// A change made by `actor` (a service identity) because it followed
    /// `change` of `source`: it continues that change's trace.
    pub fn following(actor: &str, source: &str, change: &Change) -> Self {
        Self {
            actor: actor.to_owned(),
            request_id: format!("{source}:{}", change.seq),
            trace_id: change.trace_id.clone(),
            span_id: change.span_id.clone(),
        }
    }
}
