//! Reopening a rebound in the registry: `RegistryService.ReopenEnterprise` under this service's
//! own token, with the trace of the patrol's call, after the patrol is committed. The
//! request_id is derived from the patrol, so that a retry of the patrol's request asks again
//! and the registry reopens once.

use rectify_kit::peer::Peer;
use rectify_proto::environment::v1 as pb;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;

/// Asks the registry (reached through `registry`) to reopen the enterprise of `answer`'s
/// patrol, and writes the outcome into `answer` (REOPENED, or FAILED with the registry's
/// message).
pub async fn reopen(registry: &Peer, answer: &mut pb::RecordReboundPatrolResponse) {
    let Some(patrol) = answer.patrol.as_ref() else {
        return;
    };
    if !patrol.found_running {
        return;
    }
    let request = rpb::ReopenEnterpriseRequest {
        request_id: format!("reopen:{}", patrol.name),
        name: patrol.enterprise.clone(),
        etag: String::new(),
        reason: format!(
            "防反弹巡查发现企业恢复生产（{}） (a rebound patrol found the workshop running: {})",
            patrol.name, patrol.name
        ),
    };
    let mut client =
        RegistryServiceClient::with_interceptor(registry.channel(), registry.interceptor());
    match client.reopen_enterprise(request).await {
        Ok(_) => {
            tracing::info!(enterprise = %patrol.enterprise, "rebound reopened in the registry");
            answer.reopen_state = pb::ReopenState::Reopened as i32;
        }
        Err(status) => {
            tracing::warn!(
                enterprise = %patrol.enterprise,
                code = ?status.code(),
                message = status.message(),
                "registry did not reopen the rebound; a retry of the patrol asks again"
            );
            answer.reopen_state = pb::ReopenState::Failed as i32;
            answer.reopen_error = format!("{:?}: {}", status.code(), status.message());
        }
    }
}
