//! The work item's state machine: which action moves an item from which state to which, and who
//! may take it (DESIGN §2 "Work item", §5).
//!
//! ```text
//! PENDING ──start──▶ IN_PROGRESS ──complete──▶ DONE ──verify──▶ VERIFIED
//!    │  └──────────complete──────────────────▲  │ ◀──reject──┘ (back to IN_PROGRESS)
//!    └─block─▶ BLOCKED ─unblock─▶ the state it was blocked from
//! any open state ──waive (office)──▶ WAIVED
//! PENDING / IN_PROGRESS / BLOCKED ──cancel (plan)──▶ CANCELLED ──restore (plan)──▶ PENDING
//! ```
//!
//! The executor starts, completes, blocks and unblocks; the verifier (never the executor)
//! verifies or rejects, and only where the measure needs verification; the office waives; the
//! plan, through the registry's feed, cancels and restores. A DONE item whose measure needs no
//! verification is complete and final.

use std::fmt;

use thiserror::Error;

use super::assignment::Assignment;
use super::text::Reason;

/// Where a work item is in its execution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    /// Created from the plan, not started.
    Pending,
    /// The executor is working on it.
    InProgress,
    /// Reported done with evidence: complete unless the measure needs verification.
    Done,
    /// Confirmed by the verifier: complete.
    Verified,
    /// The executor cannot proceed; unblocking returns to `from`.
    Blocked {
        /// The state the item was blocked from, and returns to.
        from: Resume,
    },
    /// Waived by the office: complete.
    Waived,
    /// Its measure was removed from the plan: kept, never overdue.
    Cancelled,
}

/// The states an item can be blocked from, and so return to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resume {
    /// Blocked before work started.
    Pending,
    /// Blocked while in progress.
    InProgress,
}

impl From<Resume> for State {
    fn from(resume: Resume) -> State {
        match resume {
            Resume::Pending => State::Pending,
            Resume::InProgress => State::InProgress,
        }
    }
}

impl State {
    /// Counts as complete for sign-off: DONE where no verification is needed, VERIFIED, WAIVED.
    pub fn is_complete(self, needs_verification: bool) -> bool {
        match self {
            State::Done => !needs_verification,
            State::Verified | State::Waived => true,
            State::Pending | State::InProgress | State::Blocked { .. } | State::Cancelled => false,
        }
    }

    /// Still expects work from someone: neither complete nor cancelled.
    pub fn is_open(self, needs_verification: bool) -> bool {
        !self.is_complete(needs_verification) && self != State::Cancelled
    }

    /// The state's name in Chinese, as users see it.
    pub fn label_zh(self) -> &'static str {
        match self {
            State::Pending => "待办",
            State::InProgress => "办理中",
            State::Done => "已完成",
            State::Verified => "已核验",
            State::Blocked { .. } => "受阻",
            State::Waived => "已免除",
            State::Cancelled => "已取消",
        }
    }

    /// The state's name in English, lower case.
    pub fn label_en(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::InProgress => "in progress",
            State::Done => "done",
            State::Verified => "verified",
            State::Blocked { .. } => "blocked",
            State::Waived => "waived",
            State::Cancelled => "cancelled",
        }
    }
}

/// What someone asks to do with a work item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The executor starts the work.
    Start,
    /// The executor reports the work done (with evidence, which the caller keeps).
    Complete,
    /// The verifier confirms the work.
    Verify,
    /// The verifier sends the work back to the executor.
    Reject {
        /// What is still wrong.
        reason: Reason,
    },
    /// The executor cannot proceed.
    Block {
        /// Why.
        reason: Reason,
    },
    /// The executor can proceed again.
    Unblock,
    /// The office waives the measure for this enterprise.
    Waive {
        /// Why the measure is not needed.
        reason: Reason,
    },
    /// The plan no longer has the measure.
    Cancel,
    /// The plan has the measure again.
    Restore,
}

impl Action {
    /// The action's name in Chinese, as users see it.
    pub fn label_zh(&self) -> &'static str {
        match self {
            Action::Start => "开始办理",
            Action::Complete => "办结",
            Action::Verify => "核验",
            Action::Reject { .. } => "退回",
            Action::Block { .. } => "标记受阻",
            Action::Unblock => "解除受阻",
            Action::Waive { .. } => "免除",
            Action::Cancel => "取消",
            Action::Restore => "恢复",
        }
    }

    /// The action's name in English, lower case.
    pub fn label_en(&self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Complete => "complete",
            Action::Verify => "verify",
            Action::Reject { .. } => "reject",
            Action::Block { .. } => "block",
            Action::Unblock => "unblock",
            Action::Waive { .. } => "waive",
            Action::Cancel => "cancel",
            Action::Restore => "restore",
        }
    }
}

/// Who asks for a transition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A caller acting for a party.
    Party {
        /// The party's code, e.g. `water` or `yuelai`.
        code: String,
        /// Whether the party is the leading-group office.
        office: bool,
    },
    /// The plan, through the registry's feed.
    Plan,
}

impl Actor {
    /// A caller acting for the party `code`, the office or not.
    pub fn party(code: impl Into<String>, office: bool) -> Actor {
        Actor::Party {
            code: code.into(),
            office,
        }
    }

    fn is_party(&self, party: Option<&str>) -> bool {
        matches!((self, party), (Actor::Party { code, .. }, Some(party)) if code == party)
    }
}

/// Why a transition is refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TransitionError {
    /// The item's state does not allow the action.
    #[error(
        "工作事项当前为“{}”，不能“{}” (cannot {} a work item that is {})",
        .state.label_zh(), .action.label_zh(), .action.label_en(), .state.label_en()
    )]
    Illegal {
        /// The item's state.
        state: State,
        /// The action refused.
        action: Action,
    },
    /// Verify or reject on a measure that needs no verification.
    #[error("该措施无需核验 (this measure needs no verification)")]
    VerificationNotNeeded,
    /// Only the executor may do this.
    #[error("只有承办单位{executor}可以{action} (only the executor, {executor}, may {action_en})")]
    NotExecutor {
        /// The executor's party code.
        executor: String,
        /// The action, in Chinese.
        action: &'static str,
        /// The action, in English.
        action_en: &'static str,
    },
    /// Only the verifier may do this.
    #[error(
        "只有核验单位{verifier}可以核验或退回 (only the verifier, {verifier}, may verify or reject)"
    )]
    NotVerifier {
        /// The verifier's party code.
        verifier: String,
    },
    /// Only the office may waive.
    #[error("只有领导小组办公室可以免除 (only the office may waive)")]
    OfficeOnly,
    /// Cancel and restore follow the plan; no caller may ask for them.
    #[error("取消和恢复只能由计划变更引起 (cancel and restore follow plan changes only)")]
    PlanOnly,
}

impl TransitionError {
    /// The `ErrorInfo.reason` this error is reported with.
    pub fn reason(&self) -> rectify_kit::Reason {
        use rectify_kit::Reason;
        match self {
            TransitionError::Illegal { .. } => Reason::IllegalTransition,
            TransitionError::VerificationNotNeeded => Reason::VerificationNotNeeded,
            TransitionError::NotExecutor { .. } => Reason::NotExecutor,
            TransitionError::NotVerifier { .. } => Reason::NotVerifier,
            TransitionError::OfficeOnly => Reason::OfficeOnly,
            TransitionError::PlanOnly => Reason::PlanOnly,
        }
    }

    /// True when the caller may not take the action at all (PERMISSION_DENIED); false when the
    /// item's state or terms do not allow it (FAILED_PRECONDITION).
    pub fn is_permission(&self) -> bool {
        !matches!(
            self,
            TransitionError::Illegal { .. } | TransitionError::VerificationNotNeeded
        )
    }
}

impl From<TransitionError> for rectify_kit::Error {
    fn from(error: TransitionError) -> Self {
        let reason = error.reason();
        if error.is_permission() {
            rectify_kit::Error::permission_denied(reason, error.to_string())
        } else {
            rectify_kit::Error::failed_precondition(reason, error.to_string())
        }
    }
}

/// The state `action` by `actor` moves an item in `state` with `assignment` to.
///
/// Checks, in order: that the measure needs verification (verify, reject), that the actor may
/// take the action, and that the state allows it.
pub fn transition(
    state: State,
    assignment: &Assignment,
    action: &Action,
    actor: &Actor,
) -> Result<State, TransitionError> {
    authorize(assignment, action, actor)?;
    let illegal = || TransitionError::Illegal {
        state,
        action: action.clone(),
    };
    let needs_verification = assignment.needs_verification();
    match (action, state) {
        (Action::Start, State::Pending) => Ok(State::InProgress),
        (Action::Complete, State::Pending | State::InProgress) => Ok(State::Done),
        (Action::Verify, State::Done) => Ok(State::Verified),
        (Action::Reject { .. }, State::Done) => Ok(State::InProgress),
        (Action::Block { .. }, State::Pending) => Ok(State::Blocked {
            from: Resume::Pending,
        }),
        (Action::Block { .. }, State::InProgress) => Ok(State::Blocked {
            from: Resume::InProgress,
        }),
        (Action::Unblock, State::Blocked { from }) => Ok(from.into()),
        (Action::Waive { .. }, state) if state.is_open(needs_verification) => Ok(State::Waived),
        (Action::Cancel, State::Pending | State::InProgress | State::Blocked { .. }) => {
            Ok(State::Cancelled)
        }
        (Action::Restore, State::Cancelled) => Ok(State::Pending),
        _ => Err(illegal()),
    }
}

/// Refuses the action when the actor may not take it on an item with `assignment`.
fn authorize(
    assignment: &Assignment,
    action: &Action,
    actor: &Actor,
) -> Result<(), TransitionError> {
    match action {
        Action::Start | Action::Complete | Action::Block { .. } | Action::Unblock => {
            if actor.is_party(Some(assignment.executor())) {
                Ok(())
            } else {
                Err(TransitionError::NotExecutor {
                    executor: assignment.executor().to_owned(),
                    action: action.label_zh(),
                    action_en: action.label_en(),
                })
            }
        }
        Action::Verify | Action::Reject { .. } => match assignment.verifier() {
            None => Err(TransitionError::VerificationNotNeeded),
            Some(verifier) if actor.is_party(Some(verifier)) => Ok(()),
            Some(verifier) => Err(TransitionError::NotVerifier {
                verifier: verifier.to_owned(),
            }),
        },
        Action::Waive { .. } => match actor {
            Actor::Party { office: true, .. } => Ok(()),
            _ => Err(TransitionError::OfficeOnly),
        },
        Action::Cancel | Action::Restore => match actor {
            Actor::Plan => Ok(()),
            Actor::Party { .. } => Err(TransitionError::PlanOnly),
        },
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
