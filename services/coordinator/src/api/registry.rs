//! Signing off in the registry: `RegistryService.SignOffEnterprise` under the coordinator's
//! own service token (the only party the registry accepts a sign-off from), continuing the
//! office's trace. The registry's request_id is derived from the office caller's, so that a
//! retry signs off once.

use rectify_kit::peer::Peer;
use rectify_kit::{CallContext, Error, Reason, Text};
use rectify_proto::registry::v1 as reg;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use sha2::{Digest as _, Sha256};
use tonic_types::StatusExt as _;

/// Signs the enterprise `name` off in the registry (reached through `registry`) with `note`, for
/// the office caller of `ctx`.
pub async fn sign_off(
    registry: &Peer,
    ctx: &CallContext,
    name: &str,
    note: &str,
) -> Result<reg::Enterprise, Error> {
    let request = reg::SignOffEnterpriseRequest {
        request_id: registry_request_id(ctx),
        name: name.to_owned(),
        etag: String::new(),
        note: note.to_owned(),
    };
    let mut client =
        RegistryServiceClient::with_interceptor(registry.channel(), registry.interceptor());
    match client.sign_off_enterprise(request).await {
        Ok(answer) => Ok(answer.into_inner()),
        Err(status) => {
            tracing::warn!(
                enterprise = name,
                code = ?status.code(),
                message = status.message(),
                "the registry refused the sign-off"
            );
            Err(refusal(&status))
        }
    }
}

/// `sign-off:` and a hash of the office caller and its request_id; empty without one.
fn registry_request_id(ctx: &CallContext) -> String {
    if ctx.request_id.is_empty() {
        return String::new();
    }
    let mut hasher = Sha256::new();
    hasher.update(ctx.actor().as_bytes());
    hasher.update([0]);
    hasher.update(ctx.request_id.as_bytes());
    format!("sign-off:{}", &hex::encode(hasher.finalize())[..40])
}

/// The registry's refusal as this service's error: the same code and reason where they are
/// the caller's to act on, else UNAVAILABLE.
fn refusal(status: &tonic::Status) -> Error {
    let details = status.get_error_details();
    let reason = details
        .error_info()
        .and_then(|info| Reason::ALL.into_iter().find(|r| r.as_str() == info.reason));
    let message = details
        .localized_message()
        .map(|m| Text::new(m.message.clone(), status.message()))
        .unwrap_or_else(|| Text::new(status.message(), status.message()));
    match status.code() {
        tonic::Code::FailedPrecondition => {
            Error::failed_precondition(reason.unwrap_or(Reason::WrongLifecycleState), message)
        }
        tonic::Code::NotFound => Error::NotFound(message),
        tonic::Code::Aborted => Error::Aborted(message),
        _ => Error::Unavailable(Text::new(
            format!("台账服务未能销号：{}", message.zh),
            format!("the registry did not sign off: {}", message.en),
        )),
    }
}
