//! AIP-155 request deduplication: the first answer to a `(caller, request_id)`
//! is stored in the same transaction as the change it made; a retry gets that
//! answer back and changes nothing.

pub mod sql;

use std::future::Future;

use crate::error::Result;

/// Runs `operation`; if it lost a race on a unique key (typically the same
/// request_id committed concurrently), runs it once more, when the first
/// answer is there to be found.
pub async fn retrying_once<T, F, Fut>(mut operation: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    match operation().await {
        Err(error) if error.is_unique_violation() => operation().await,
        other => other,
    }
}
