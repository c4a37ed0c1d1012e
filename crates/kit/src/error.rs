//! The one mapping from a service's failures to `tonic::Status` (AIP-193):
//! the English message as the status message, the Chinese one as a
//! `LocalizedMessage` (zh-CN), an `ErrorInfo` whose reason is one of the
//! closed set in [`Reason`], and `BadRequest` field violations. Causes of
//! internal failures are logged, never sent.

use std::collections::HashMap;

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, FieldViolation as PbFieldViolation, LocalizedMessage, StatusExt};

use crate::auth::AuthError;
pub use crate::reason::Reason;
use crate::text::Text;

/// The `ErrorInfo.domain` of every rectify error.
pub const ERROR_DOMAIN: &str = "rectify";
/// The locale of the localized messages.
pub const LOCALE: &str = "zh-CN";

/// One bad field of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldViolation {
    /// Path of the field, e.g. `finding.credit_code`.
    pub field: String,
    /// What is wrong, for a person.
    pub description: Text,
}

impl FieldViolation {
    pub fn new(field: impl Into<String>, description: impl Into<Text>) -> Self {
        Self {
            field: field.into(),
            description: description.into(),
        }
    }
}

impl From<&str> for Text {
    fn from(message: &str) -> Self {
        Text::from_bilingual(message)
    }
}

impl From<String> for Text {
    fn from(message: String) -> Self {
        Text::from_bilingual(&message)
    }
}

/// Every way a rectify call can fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed; nothing was stored.
    #[error("invalid argument: {}", summary(.0))]
    InvalidArgument(Vec<FieldViolation>),
    /// The request_id was used before for a different request; nothing was stored.
    #[error("{0}")]
    RequestIdReused(Text),
    /// No token, or a token that does not verify.
    #[error("{0}")]
    Unauthenticated(AuthError),
    /// A valid caller that may not do this.
    #[error("{message}")]
    PermissionDenied { reason: Reason, message: Text },
    #[error("{0}")]
    NotFound(Text),
    /// The resource is not in a state that allows this.
    #[error("{message}")]
    FailedPrecondition { reason: Reason, message: Text },
    /// The etag is stale: someone else changed the resource first.
    #[error("{0}")]
    Aborted(Text),
    /// Not ready yet (database not reachable or not migrated), or a service
    /// this one depends on does not answer.
    #[error("{0}")]
    Unavailable(Text),
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
        .map(|v| format!("{}: {}", v.field, v.description.en))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Error {
    /// A request with a single bad field.
    pub fn invalid(field: impl Into<String>, description: impl Into<Text>) -> Self {
        Self::InvalidArgument(vec![FieldViolation::new(field, description)])
    }

    pub fn permission_denied(reason: Reason, message: impl Into<Text>) -> Self {
        Self::PermissionDenied {
            reason,
            message: message.into(),
        }
    }

    /// `what` names the resource in Chinese and English, e.g. ("企业", "enterprise").
    pub fn not_found(what: (&str, &str), name: &str) -> Self {
        let (zh, en) = what;
        Self::NotFound(Text::new(
            format!("{zh}不存在：{name}"),
            format!("{en} not found: {name}"),
        ))
    }

    pub fn failed_precondition(reason: Reason, message: impl Into<Text>) -> Self {
        Self::FailedPrecondition {
            reason,
            message: message.into(),
        }
    }

    /// The etag the caller sent is not the current one.
    pub fn stale_etag(resource: &str) -> Self {
        Self::Aborted(Text::new(
            format!("数据已被他人修改，请重新读取 {resource} 后再试"),
            format!("etag is stale, read {resource} again and retry"),
        ))
    }

    /// A stored value that does not decode: logged with its row, INTERNAL to
    /// the client. Never replaced by a default.
    pub fn corrupt(what: &str, row: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!(what, row, cause = %cause, "stored value does not decode");
        Self::Internal(anyhow::anyhow!(
            "stored {what} of {row} does not decode: {cause}"
        ))
    }

    /// True for a unique-constraint violation, which callers may retry after.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, Self::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }

    /// The gRPC code and the `ErrorInfo.reason`.
    pub fn code_and_reason(&self) -> (Code, &'static str) {
        match self {
            Self::InvalidArgument(_) => (Code::InvalidArgument, Reason::InvalidArgument.as_str()),
            Self::RequestIdReused(_) => (Code::InvalidArgument, Reason::RequestIdReused.as_str()),
            Self::Unauthenticated(error) => (Code::Unauthenticated, error.reason()),
            Self::PermissionDenied { reason, .. } => (Code::PermissionDenied, reason.as_str()),
            Self::NotFound(_) => (Code::NotFound, Reason::NotFound.as_str()),
            Self::FailedPrecondition { reason, .. } => (Code::FailedPrecondition, reason.as_str()),
            Self::Aborted(_) => (Code::Aborted, Reason::EtagMismatch.as_str()),
            Self::Unavailable(_) => (Code::Unavailable, Reason::Unavailable.as_str()),
            Self::Database(_) | Self::Internal(_) => (Code::Internal, Reason::Internal.as_str()),
        }
    }

    /// What the client is told, in both languages.
    fn text(&self) -> Text {
        match self {
            Self::InvalidArgument(violations) => Text::new(
                format!(
                    "请求参数无效：{}",
                    violations
                        .iter()
                        .map(|v| format!("{}：{}", v.field, v.description.zh))
                        .collect::<Vec<_>>()
                        .join("；")
                ),
                format!("invalid argument: {}", summary(violations)),
            ),
            Self::Unauthenticated(error) => Text::from_bilingual(&error.to_string()),
            Self::RequestIdReused(text)
            | Self::PermissionDenied { message: text, .. }
            | Self::NotFound(text)
            | Self::FailedPrecondition { message: text, .. }
            | Self::Aborted(text)
            | Self::Unavailable(text) => text.clone(),
            Self::Database(_) | Self::Internal(_) => {
                Text::new("内部错误，请稍后重试", "internal error, please retry later")
            }
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        Self::Internal(error.into())
    }
}

impl From<AuthError> for Error {
    fn from(error: AuthError) -> Self {
        Self::Unauthenticated(error)
    }
}

impl From<Error> for Status {
    fn from(error: Error) -> Self {
        let (code, reason) = error.code_and_reason();
        if matches!(error, Error::Database(_) | Error::Internal(_)) {
            tracing::error!(error = %error_chain(&error), "request failed");
        }
        let text = error.text();
        let mut metadata = HashMap::new();
        let mut details = ErrorDetails::new();
        if let Error::InvalidArgument(violations) = &error {
            if let Some(first) = violations.first() {
                metadata.insert("field".to_owned(), first.field.clone());
            }
            let violations = violations
                .iter()
                .map(|v| PbFieldViolation {
                    field: v.field.clone(),
                    description: v.description.en.clone(),
                    reason: reason.to_owned(),
                    localized_message: Some(LocalizedMessage::new(
                        LOCALE,
                        v.description.zh.clone(),
                    )),
                })
                .collect::<Vec<_>>();
            details.set_bad_request(violations);
        }
        if let Error::RequestIdReused(_) = &error {
            metadata.insert("field".to_owned(), "request_id".to_owned());
        }
        details.set_error_info(reason, ERROR_DOMAIN, metadata);
        details.set_localized_message(LOCALE, text.zh);
        Status::with_error_details(code, text.en, details)
    }
}

fn error_chain(error: &Error) -> String {
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
    fn invalid_argument_carries_both_languages_error_info_and_field_violations() {
        let status: Status = Error::invalid(
            "finding.credit_code",
            "校验位错误 (check character is wrong)",
        )
        .into();
        assert_eq!(status.code(), Code::InvalidArgument);
        assert!(
            status.message().contains("check character is wrong") && status.message().is_ascii(),
            "the status message is the English text: {}",
            status.message()
        );
        let details = status.get_error_details();
        let info = details.error_info().expect("error info present");
        assert_eq!(info.reason, "INVALID_ARGUMENT");
        assert_eq!(info.domain, ERROR_DOMAIN);
        assert_eq!(
            info.metadata.get("field").map(String::as_str),
            Some("finding.credit_code"),
            "the field is named in the metadata"
        );
        let localized = details
            .localized_message()
            .expect("localized message present");
        assert_eq!(localized.locale, "zh-CN");
        assert!(
            localized.message.contains("校验位错误"),
            "{}",
            localized.message
        );
        let bad = details.bad_request().expect("bad request present");
        let violation = &bad.field_violations[0];
        assert_eq!(violation.field, "finding.credit_code");
        assert_eq!(violation.description, "check character is wrong");
        assert_eq!(
            violation
                .localized_message
                .as_ref()
                .map(|m| m.message.as_str()),
            Some("校验位错误")
        );
    }

    #[test]
    fn database_errors_never_reach_the_client_message() {
        let status: Status = Error::Database(sqlx::Error::Protocol(
            "relation \"secret_table\" does not exist".into(),
        ))
        .into();
        assert_eq!(status.code(), Code::Internal);
        let details = status.get_error_details();
        let localized = details.localized_message();
        for shown in [
            status.message().to_owned(),
            localized.map(|m| m.message.clone()).unwrap_or_default(),
        ] {
            assert!(!shown.contains("secret_table"), "leaked: {shown}");
        }
    }

    #[test]
    fn every_reason_is_documented() {
        let doc = include_str!("../../../docs/errors.md");
        let auth = AuthError::ALL.map(AuthError::reason);
        for reason in Reason::ALL.map(Reason::as_str).iter().chain(auth.iter()) {
            assert!(
                doc.contains(&format!("`{reason}`")),
                "docs/errors.md does not document {reason}"
            );
        }
    }
}
