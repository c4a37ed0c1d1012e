//! Who is calling, with which request_id, under which trace: what every
//! mutating operation needs to authorise, deduplicate and record a change.

use crate::auth::Principal;
use crate::error::{Error, Result};

/// Longest request_id accepted (a UUID is 36 characters).
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// The caller of one operation.
#[derive(Clone, Debug)]
pub struct CallContext {
    pub principal: Principal,
    /// The method, e.g. `ReportFinding`; a request_id is bound to one method.
    pub method: &'static str,
    /// AIP-155 request_id; empty when the caller sent none.
    pub request_id: String,
    /// W3C trace id of the call, when traced.
    pub trace_id: String,
}

impl CallContext {
    /// Checks the request_id's shape (at most 128 printable ASCII characters).
    pub fn new(
        principal: Principal,
        method: &'static str,
        request_id: &str,
        trace_id: String,
    ) -> Result<Self> {
        let request_id = request_id.trim();
        if request_id.len() > MAX_REQUEST_ID_LEN
            || !request_id.chars().all(|c| c.is_ascii_graphic())
        {
            return Err(Error::invalid(
                "request_id",
                "request_id 须为不超过128个可见ASCII字符 (request_id must be at most 128 printable ASCII characters)",
            ));
        }
        Ok(Self {
            principal,
            method,
            request_id: request_id.to_owned(),
            trace_id,
        })
    }

    /// `party/subject` of the caller, as recorded in the journal.
    pub fn actor(&self) -> String {
        self.principal.actor()
    }
}
