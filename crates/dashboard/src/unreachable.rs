//! What a page says when the coordinator cannot answer: in Chinese with English beside it,
//! with HTTP 503 (200 when no coordinator is configured at all), never the coordinator's own
//! message (which may carry internals).

use axum::http::StatusCode;

use crate::coordinator::CoordinatorClient;
use crate::state::AppState;

/// Why a page of the campaign's progress shows no data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unreachable {
    pub message: &'static str,
    pub status: StatusCode,
}

/// A dashboard set up without a coordinator (the public list alone) is working as configured:
/// its pages say so with 200; a coordinator that fails to answer is 503.
const NOT_CONFIGURED: Unreachable = Unreachable {
    message: "未配置协调服务，无法显示整治进度 (no coordinator is configured: the campaign's progress cannot be shown)",
    status: StatusCode::OK,
};

/// The coordinator client, or why there is none.
pub fn coordinator(state: &AppState) -> Result<&CoordinatorClient, Unreachable> {
    state.coordinator.as_ref().ok_or(NOT_CONFIGURED)
}

/// What the page says about a failed call `what`; the whole status goes to the log.
pub fn explain(what: &str, status: &tonic::Status) -> Unreachable {
    tracing::warn!(%status, what, "dashboard: coordinator call failed");
    match status.code() {
        tonic::Code::NotFound => Unreachable {
            message: "未找到该企业 (no such enterprise)",
            status: StatusCode::NOT_FOUND,
        },
        tonic::Code::InvalidArgument => Unreachable {
            message: "筛选条件无效，请重新选择 (the filters are not valid; choose again)",
            status: StatusCode::BAD_REQUEST,
        },
        tonic::Code::PermissionDenied | tonic::Code::Unauthenticated => Unreachable {
            message: "网页端调用协调服务的令牌无效或无权限，请联系管理员 (the dashboard's token for the coordinator is refused; ask an administrator)",
            status: StatusCode::SERVICE_UNAVAILABLE,
        },
        _ => Unreachable {
            message: "协调服务暂不可用，请稍后刷新 (the coordinator cannot be reached; reload later)",
            status: StatusCode::SERVICE_UNAVAILABLE,
        },
    }
}
