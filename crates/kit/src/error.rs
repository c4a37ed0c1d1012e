//! The one mapping from a service's failures to `tonic::Status` (AIP-193):
//! a safe message in Chinese and English, an `ErrorInfo` with a stable reason,
//! and `BadRequest` field violations. Causes are logged, never sent.

use std::collections::HashMap;

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// The `ErrorInfo.domain` of every rectify error.
pub const ERROR_DOMAIN: &str = "rectify";

/// One bad field of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldViolation {
    /// Path of the field, e.g. `finding.credit_code`.
    pub field: String,
    /// What is wrong, for a person: Chinese, then English in parentheses.
    pub description: String,
}

impl FieldViolation {
    pub fn new(field: impl Into<String>, description: impl ToString) -> Self {
        Self {
            field: field.into(),
            description: description.to_string(),
        }
    }
}

/// Every way a rectify call can fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed; nothing was stored.
    #[error("请求参数无效 (invalid argument): {}", summary(.0))]
    InvalidArgument(Vec<FieldViolation>),
    /// No token, or a token that does not verify.
    #[error("{message}")]
    Unauthenticated {
        reason: &'static str,
        message: String,
    },
    /// A valid caller that may not do this.
    #[error("{message}")]
    PermissionDenied {
        reason: &'static str,
        message: String,
    },
    #[error("{message}")]
    NotFound {
        reason: &'static str,
        message: String,
    },
    /// The resource is not in a state that allows this.
    #[error("{message}")]
    FailedPrecondition {
        reason: &'static str,
        message: String,
    },
    /// The etag is stale: someone else changed the resource first.
    #[error("{message}")]
    Aborted {
        reason: &'static str,
        message: String,
    },
    /// Not ready yet (database not reachable or not migrated).
    #[error("服务暂不可用 (service unavailable): {0}")]
    Unavailable(String),
    /// A database failure; its text goes to the log only.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Anything else unexpected; its text goes to the log only.
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

fn summary(violations: &[FieldViolation]) -> String {
    violations
        .iter()
        .map(|v| format!("{}: {}", v.field, v.description))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Error {
    /// A request with a single bad field.
    pub fn invalid(field: impl Into<String>, description: impl ToString) -> Self {
        Self::InvalidArgument(vec![FieldViolation::new(field, description)])
    }

    pub fn permission_denied(reason: &'static str, message: impl Into<String>) -> Self {
        Self::PermissionDenied {
            reason,
            message: message.into(),
        }
    }

    pub fn not_found(what: &str, name: &str) -> Self {
        Self::NotFound {
            reason: "NOT_FOUND",
            message: format!("{what}不存在 ({what} not found): {name}"),
        }
    }

    pub fn failed_precondition(reason: &'static str, message: impl Into<String>) -> Self {
        Self::FailedPrecondition {
            reason,
            message: message.into(),
        }
    }

    /// The etag the caller sent is not the current one.
    pub fn stale_etag(resource: &str) -> Self {
        Self::Aborted {
            reason: "ETAG_MISMATCH",
            message: format!(
                "数据已被他人修改，请重新读取后再试 (etag is stale, read {resource} again and retry)"
            ),
        }
    }

    /// True for a unique-constraint violation, which callers may retry after.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, Self::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }

    fn code_and_reason(&self) -> (Code, &'static str) {
        match self {
            Self::InvalidArgument(_) => (Code::InvalidArgument, "INVALID_ARGUMENT"),
            Self::Unauthenticated { reason, .. } => (Code::Unauthenticated, reason),
            Self::PermissionDenied { reason, .. } => (Code::PermissionDenied, reason),
            Self::NotFound { reason, .. } => (Code::NotFound, reason),
            Self::FailedPrecondition { reason, .. } => (Code::FailedPrecondition, reason),
            Self::Aborted { reason, .. } => (Code::Aborted, reason),
            Self::Unavailable(_) => (Code::Unavailable, "UNAVAILABLE"),
            Self::Database(_) | Self::Internal(_) => (Code::Internal, "INTERNAL"),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Self::Internal(error.into())
    }
}

impl From<crate::auth::AuthError> for Error {
    fn from(error: crate::auth::AuthError) -> Self {
        Self::Unauthenticated {
            reason: error.reason(),
            message: error.to_string(),
        }
    }
}

impl From<Error> for Status {
    fn from(error: Error) -> Self {
        let (code, reason) = error.code_and_reason();
        let message = match &error {
            Error::Database(_) | Error::Internal(_) => {
                tracing::error!(error = ?anyhow_chain(&error), "request failed");
                "内部错误，请稍后重试 (internal error, please retry later)".to_owned()
            }
            other => other.to_string(),
        };
        let mut details = ErrorDetails::new();
        details.set_error_info(reason, ERROR_DOMAIN, HashMap::new());
        if let Error::InvalidArgument(violations) = &error {
            for v in violations {
                details.add_bad_request_violation(v.field.clone(), v.description.clone());
            }
        }
        Status::with_error_details(code, message, details)
    }
}

fn anyhow_chain(error: &Error) -> String {
    let mut out = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        source = cause.source();
    }
    out
}

/// Shorthand for results of service operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_argument_carries_error_info_and_field_violations() {
        let status: Status = Error::invalid("finding.credit_code", "校验位错误").into();
        assert_eq!(status.code(), Code::InvalidArgument);
        let details = status.get_error_details();
        let info = details.error_info().expect("error info present");
        assert_eq!(info.reason, "INVALID_ARGUMENT");
        assert_eq!(info.domain, ERROR_DOMAIN);
        let bad = details.bad_request().expect("bad request present");
        assert_eq!(bad.field_violations[0].field, "finding.credit_code");
    }

    #[test]
    fn database_errors_never_reach_the_client_message() {
        let status: Status = Error::Database(sqlx::Error::Protocol(
            "relation \"secret_table\" does not exist".into(),
        ))
        .into();
        assert_eq!(status.code(), Code::Internal);
        assert!(
            !status.message().contains("secret_table"),
            "message leaked the database error: {}",
            status.message()
        );
    }
}
