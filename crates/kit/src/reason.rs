//! The closed set of `ErrorInfo.reason` values a rectify service sends
//! (AIP-193), each documented in docs/errors.md. Token refusals have their
//! own reasons, [`AuthError::reason`](crate::auth::AuthError::reason).

/// Why a call failed, in a form a client program can branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// Fields of the request are invalid; `BadRequest` lists each, and
    /// `metadata.field` names the first. Nothing was stored.
    InvalidArgument,
    /// The request_id was used before by this caller for a different request
    /// (another method or other content). Nothing was stored.
    RequestIdReused,
    /// The caller's party may not do this.
    PermissionDenied,
    /// The caller may not read this service's change feed.
    FeedAccessDenied,
    /// The named resource does not exist.
    NotFound,
    /// The etag sent is not the current one: read again and retry.
    EtagMismatch,
    /// The enterprise's lifecycle state does not allow this move.
    WrongLifecycleState,
    /// The plan lacks something it needs first (e.g. a responsible person).
    PlanIncomplete,
    /// The enterprise has no plan yet.
    NoPlan,
    /// The work item's state does not allow this transition.
    IllegalTransition,
    /// Verifying or rejecting a measure that needs no verification.
    VerificationNotNeeded,
    /// Only the item's executor may do this.
    NotExecutor,
    /// Only the item's verifier (never its executor) may do this.
    NotVerifier,
    /// Only the leading-group office may do this (e.g. waive).
    OfficeOnly,
    /// Only the plan (the registry's feed) changes this, no caller.
    PlanOnly,
    /// This kind of item is completed through the bureau's own method.
    RecordThroughService,
    /// The enterprise is not complete: a measure of its published plan is
    /// not done, verified where needed, or waived (sign-off refused).
    EnterpriseIncomplete,
    /// Only the coordinator service may do this (sign-off in the registry).
    CoordinatorOnly,
    /// The service is not ready (database unreachable or not migrated).
    Unavailable,
    /// An unexpected failure; details are in the service's log only.
    Internal,
}

impl Reason {
    /// Every reason, for documentation checks.
    pub const ALL: [Reason; 20] = [
        Reason::InvalidArgument,
        Reason::RequestIdReused,
        Reason::PermissionDenied,
        Reason::FeedAccessDenied,
        Reason::NotFound,
        Reason::EtagMismatch,
        Reason::WrongLifecycleState,
        Reason::PlanIncomplete,
        Reason::NoPlan,
        Reason::IllegalTransition,
        Reason::VerificationNotNeeded,
        Reason::NotExecutor,
        Reason::NotVerifier,
        Reason::OfficeOnly,
        Reason::PlanOnly,
        Reason::RecordThroughService,
        Reason::EnterpriseIncomplete,
        Reason::CoordinatorOnly,
        Reason::Unavailable,
        Reason::Internal,
    ];

    /// The stable code sent in `ErrorInfo.reason`; never changes once shipped.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::InvalidArgument => "INVALID_ARGUMENT",
            Reason::RequestIdReused => "REQUEST_ID_REUSED",
            Reason::PermissionDenied => "PERMISSION_DENIED",
            Reason::FeedAccessDenied => "FEED_ACCESS_DENIED",
            Reason::NotFound => "NOT_FOUND",
            Reason::EtagMismatch => "ETAG_MISMATCH",
            Reason::WrongLifecycleState => "WRONG_LIFECYCLE_STATE",
            Reason::PlanIncomplete => "PLAN_INCOMPLETE",
            Reason::NoPlan => "NO_PLAN",
            Reason::IllegalTransition => "ILLEGAL_TRANSITION",
            Reason::VerificationNotNeeded => "VERIFICATION_NOT_NEEDED",
            Reason::NotExecutor => "NOT_EXECUTOR",
            Reason::NotVerifier => "NOT_VERIFIER",
            Reason::OfficeOnly => "OFFICE_ONLY",
            Reason::PlanOnly => "PLAN_ONLY",
            Reason::RecordThroughService => "RECORD_THROUGH_SERVICE",
            Reason::EnterpriseIncomplete => "ENTERPRISE_INCOMPLETE",
            Reason::CoordinatorOnly => "COORDINATOR_ONLY",
            Reason::Unavailable => "UNAVAILABLE",
            Reason::Internal => "INTERNAL",
        }
    }
}
