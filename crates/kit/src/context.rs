//! Who is calling, with which request_id, under which trace: what every
//! mutating operation needs to authorise, deduplicate and record a change.

use sha2::{Digest, Sha256};
use tonic::Request;

use crate::auth::Principal;
use crate::error::{Error, Result};
use crate::journal::Origin;
use crate::text;

/// Longest request_id accepted (a UUID is 36 characters).
pub const MAX_REQUEST_ID_LEN: usize = 128;

pub use rectify_proto::Mutation;

/// The caller of one mutating operation.
#[derive(Clone, Debug)]
pub struct CallContext {
    pub principal: Principal,
    /// The method, e.g. `ReportFinding`; a request_id is bound to one method.
    pub method: &'static str,
    /// AIP-155 request_id; empty when the caller sent none.
    pub request_id: String,
    /// Hex SHA-256 of the method and the encoded request: a request_id sent
    /// again with another request is refused.
    pub fingerprint: String,
    /// W3C trace and span id of the call, when traced.
    pub trace_id: String,
    pub span_id: String,
}

impl CallContext {
    /// The context of `request` to `method`: its verified caller (or
    /// UNAUTHENTICATED), its request_id (checked), its fingerprint and trace.
    pub fn of<R: Mutation>(request: &Request<R>, method: &'static str) -> Result<Self> {
        let principal = crate::caller::principal(request)?;
        Self::new(principal, method, request.get_ref())
    }

    /// The context of `body` sent by `principal`.
    pub fn new<R: Mutation>(principal: Principal, method: &'static str, body: &R) -> Result<Self> {
        let request_id = body.request_id().trim();
        if request_id.len() > MAX_REQUEST_ID_LEN
            || !request_id.chars().all(|c| c.is_ascii_graphic())
        {
            return Err(Error::invalid(
                "request_id",
                text!(
                    "request_id 须为不超过{MAX_REQUEST_ID_LEN}个可见ASCII字符",
                    "request_id must be at most {MAX_REQUEST_ID_LEN} printable ASCII characters"
                ),
            ));
        }
        let (trace_id, span_id) = crate::telemetry::current_trace();
        Ok(Self {
            principal,
            method,
            request_id: request_id.to_owned(),
            fingerprint: fingerprint(method, body),
            trace_id,
            span_id,
        })
    }

    /// `party/subject` of the caller, as recorded in the journal.
    pub fn actor(&self) -> String {
        self.principal.actor()
    }

    /// The author of the changes this call makes.
    pub fn origin(&self) -> Origin {
        Origin {
            actor: self.actor(),
            request_id: self.request_id.clone(),
            trace_id: self.trace_id.clone(),
            span_id: self.span_id.clone(),
        }
    }
}

fn fingerprint<R: prost::Message>(method: &str, body: &R) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update([0]);
    hasher.update(body.encode_to_vec());
    hex::encode(hasher.finalize())
}
