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
    /// `change` of `source`: it continues that change's trace. Recorded under
    /// the current span (the follower's, a child of the change's producer span,
    /// see `follower::change_span`); under the change's own ids where nothing
    /// is traced here.
    pub fn following(actor: &str, source: &str, change: &Change) -> Self {
        let (trace_id, span_id) = match crate::telemetry::current_trace() {
            (trace_id, span_id) if !trace_id.is_empty() => (trace_id, span_id),
            _ => (change.trace_id.clone(), change.span_id.clone()),
        };
        Self {
            actor: actor.to_owned(),
            request_id: format!("{source}:{}", change.seq),
            trace_id,
            span_id,
        }
    }
}
