//! Connecting to a service and sending authorized calls to it.

use std::time::Duration;

use anyhow::{Context, anyhow};
use rectify_kit::auth::set_bearer;
use rectify_kit::tls::ClientTls;
use tonic::transport::Channel;
use tonic::{Request, Status};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A connected channel to `endpoint`, e.g. `http://127.0.0.1:50051` or, with the CA in `tls`,
/// `https://registry.example:50051`.
pub async fn connect(endpoint: &str, tls: &ClientTls) -> anyhow::Result<Channel> {
    tls.endpoint("service", endpoint)?
        .connect_timeout(CONNECT_TIMEOUT)
        .connect()
        .await
        .with_context(|| format!("cannot connect to {endpoint}"))
}

/// `message` with `authorization: Bearer <token>`; surrounding whitespace
/// (a newline from a file or variable) is dropped.
pub fn authorized<T>(message: T, token: &str) -> anyhow::Result<Request<T>> {
    let mut request = Request::new(message);
    set_bearer(request.metadata_mut(), token.trim()).map_err(|_| {
        anyhow!("the token cannot be sent: it contains characters not allowed in gRPC metadata")
    })?;
    Ok(request)
}

/// A refused or failed call as an error a person can read: what was tried,
/// the gRPC code and the server's message.
pub fn call_failed(what: &str, status: &Status) -> anyhow::Error {
    anyhow!("{what} failed: {:?}: {}", status.code(), status.message())
}
