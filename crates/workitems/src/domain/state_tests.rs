//! Every (state, action) pair with the expected outcome, for a measure that needs verification
//! and for one that does not; then who may take each action.

use super::*;

const BLOCKED_PENDING: State = State::Blocked {
    from: Resume::Pending,
};
const BLOCKED_IN_PROGRESS: State = State::Blocked {
    from: Resume::InProgress,
};

const STATES: [State; 8] = [
    State::Pending,
    State::InProgress,
    State::Done,
    State::Verified,
    BLOCKED_PENDING,
    BLOCKED_IN_PROGRESS,
    State::Waived,
    State::Cancelled,
];

/// What a transition should come to, in a form the tables can spell briefly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    To(State),
    Illegal,
    NotNeeded,
}

use Outcome::{Illegal, NotNeeded, To};

/// The action names of the tables; reasons are filled in by [`action`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Name {
    Start,
    Complete,
    Verify,
    Reject,
    Block,
    Unblock,
    Waive,
    Cancel,
    Restore,
}

const NAMES: [Name; 9] = [
    Name::Start,
    Name::Complete,
    Name::Verify,
    Name::Reject,
    Name::Block,
    Name::Unblock,
    Name::Waive,
    Name::Cancel,
    Name::Restore,
];

fn reason() -> Reason {
    Reason::parse("经营者失联").expect("valid reason")
}

fn action(name: Name) -> Action {
    match name {
        Name::Start => Action::Start,
        Name::Complete => Action::Complete,
        Name::Verify => Action::Verify,
        Name::Reject => Action::Reject { reason: reason() },
        Name::Block => Action::Block { reason: reason() },
        Name::Unblock => Action::Unblock,
        Name::Waive => Action::Waive { reason: reason() },
        Name::Cancel => Action::Cancel,
        Name::Restore => Action::Restore,
    }
}

/// The actor entitled to the action on a water cut executed by `water`, verified by `eco`.
fn entitled(name: Name) -> Actor {
    match name {
        Name::Start | Name::Complete | Name::Block | Name::Unblock => Actor::party("water", false),
        Name::Verify | Name::Reject => Actor::party("eco", false),
        Name::Waive => Actor::party("office", true),
        Name::Cancel | Name::Restore => Actor::Plan,
    }
}

fn verified_by_eco() -> Assignment {
    Assignment::new("water", Some("eco".into())).expect("valid assignment")
}

fn unverified() -> Assignment {
    Assignment::new("water", None).expect("valid assignment")
}

fn outcome(state: State, assignment: &Assignment, name: Name) -> Outcome {
    match transition(state, assignment, &action(name), &entitled(name)) {
        Ok(next) => To(next),
        Err(TransitionError::Illegal { .. }) => Illegal,
        Err(TransitionError::VerificationNotNeeded) => NotNeeded,
        Err(other) => panic!("{state:?} {name:?}: unexpected {other:?} for the entitled actor"),
    }
}

/// (state, action, outcome with verification, outcome without verification).
fn table() -> Vec<(State, Name, Outcome, Outcome)> {
    use Name::*;
    use State::{Cancelled, Done, InProgress, Pending, Verified, Waived};
    vec![
        (Pending, Start, To(InProgress), To(InProgress)),
        (Pending, Complete, To(Done), To(Done)),
        (Pending, Verify, Illegal, NotNeeded),
        (Pending, Reject, Illegal, NotNeeded),
        (Pending, Block, To(BLOCKED_PENDING), To(BLOCKED_PENDING)),
        (Pending, Unblock, Illegal, Illegal),
        (Pending, Waive, To(Waived), To(Waived)),
        (Pending, Cancel, To(Cancelled), To(Cancelled)),
        (Pending, Restore, Illegal, Illegal),
        (InProgress, Start, Illegal, Illegal),
        (InProgress, Complete, To(Done), To(Done)),
        (InProgress, Verify, Illegal, NotNeeded),
        (InProgress, Reject, Illegal, NotNeeded),
        (
            InProgress,
            Block,
            To(BLOCKED_IN_PROGRESS),
            To(BLOCKED_IN_PROGRESS),
        ),
        (InProgress, Unblock, Illegal, Illegal),
        (InProgress, Waive, To(Waived), To(Waived)),
        (InProgress, Cancel, To(Cancelled), To(Cancelled)),
        (InProgress, Restore, Illegal, Illegal),
        (Done, Start, Illegal, Illegal),
        (Done, Complete, Illegal, Illegal),
        (Done, Verify, To(Verified), NotNeeded),
        (Done, Reject, To(InProgress), NotNeeded),
        (Done, Block, Illegal, Illegal),
        (Done, Unblock, Illegal, Illegal),
        // Awaiting verification is still open; without verification DONE is final.
        (Done, Waive, To(Waived), Illegal),
        // "a measure removed cancels its item unless done".
        (Done, Cancel, Illegal, Illegal),
        (Done, Restore, Illegal, Illegal),
        (Verified, Start, Illegal, Illegal),
        (Verified, Complete, Illegal, Illegal),
        (Verified, Verify, Illegal, NotNeeded),
        (Verified, Reject, Illegal, NotNeeded),
        (Verified, Block, Illegal, Illegal),
        (Verified, Unblock, Illegal, Illegal),
        (Verified, Waive, Illegal, Illegal),
        (Verified, Cancel, Illegal, Illegal),
        (Verified, Restore, Illegal, Illegal),
        (BLOCKED_PENDING, Start, Illegal, Illegal),
        (BLOCKED_PENDING, Complete, Illegal, Illegal),
        (BLOCKED_PENDING, Verify, Illegal, NotNeeded),
        (BLOCKED_PENDING, Reject, Illegal, NotNeeded),
        (BLOCKED_PENDING, Block, Illegal, Illegal),
        (BLOCKED_PENDING, Unblock, To(Pending), To(Pending)),
        (BLOCKED_PENDING, Waive, To(Waived), To(Waived)),
        (BLOCKED_PENDING, Cancel, To(Cancelled), To(Cancelled)),
        (BLOCKED_PENDING, Restore, Illegal, Illegal),
        (BLOCKED_IN_PROGRESS, Start, Illegal, Illegal),
        (BLOCKED_IN_PROGRESS, Complete, Illegal, Illegal),
        (BLOCKED_IN_PROGRESS, Verify, Illegal, NotNeeded),
        (BLOCKED_IN_PROGRESS, Reject, Illegal, NotNeeded),
        (BLOCKED_IN_PROGRESS, Block, Illegal, Illegal),
        (BLOCKED_IN_PROGRESS, Unblock, To(InProgress), To(InProgress)),
        (BLOCKED_IN_PROGRESS, Waive, To(Waived), To(Waived)),
        (BLOCKED_IN_PROGRESS, Cancel, To(Cancelled), To(Cancelled)),
        (BLOCKED_IN_PROGRESS, Restore, Illegal, Illegal),
        (Waived, Start, Illegal, Illegal),
        (Waived, Complete, Illegal, Illegal),
        (Waived, Verify, Illegal, NotNeeded),
        (Waived, Reject, Illegal, NotNeeded),
        (Waived, Block, Illegal, Illegal),
        (Waived, Unblock, Illegal, Illegal),
        (Waived, Waive, Illegal, Illegal),
        (Waived, Cancel, Illegal, Illegal),
        (Waived, Restore, Illegal, Illegal),
        (Cancelled, Start, Illegal, Illegal),
        (Cancelled, Complete, Illegal, Illegal),
        (Cancelled, Verify, Illegal, NotNeeded),
        (Cancelled, Reject, Illegal, NotNeeded),
        (Cancelled, Block, Illegal, Illegal),
        (Cancelled, Unblock, Illegal, Illegal),
        (Cancelled, Waive, Illegal, Illegal),
        (Cancelled, Cancel, Illegal, Illegal),
        (Cancelled, Restore, To(Pending), To(Pending)),
    ]
}

#[test]
fn the_table_covers_every_state_and_action_exactly_once() {
    let table = table();
    for state in STATES {
        for name in NAMES {
            let rows = table
                .iter()
                .filter(|(s, n, _, _)| *s == state && *n == name)
                .count();
            assert_eq!(rows, 1, "{state:?} × {name:?} appears {rows} times");
        }
    }
    assert_eq!(table.len(), STATES.len() * NAMES.len(), "no extra rows");
}

#[test]
fn every_state_and_action_comes_to_the_expected_outcome() {
    for (state, name, with, without) in table() {
        assert_eq!(
            outcome(state, &verified_by_eco(), name),
            with,
            "{state:?} × {name:?}, verified by eco"
        );
        assert_eq!(
            outcome(state, &unverified(), name),
            without,
            "{state:?} × {name:?}, no verification"
        );
    }
}

#[test]
fn only_the_entitled_party_may_take_each_action() {
    use TransitionError as E;
    let not_executor = |name: Name| E::NotExecutor {
        executor: "water".into(),
        action: action(name).label_zh(),
        action_en: action(name).label_en(),
    };
    let not_verifier = E::NotVerifier {
        verifier: "eco".into(),
    };
    let water = Actor::party("water", false);
    let eco = Actor::party("eco", false);
    let office = Actor::party("office", true);
    let township = Actor::party("yuelai", false);
    // (state where the action is legal, action, actor, expected error or None for allowed)
    let cases = [
        (
            State::Pending,
            Name::Start,
            &eco,
            Some(not_executor(Name::Start)),
        ),
        (
            State::Pending,
            Name::Start,
            &office,
            Some(not_executor(Name::Start)),
        ),
        (
            State::Pending,
            Name::Start,
            &Actor::Plan,
            Some(not_executor(Name::Start)),
        ),
        (
            State::InProgress,
            Name::Complete,
            &township,
            Some(not_executor(Name::Complete)),
        ),
        (
            State::InProgress,
            Name::Complete,
            &eco,
            Some(not_executor(Name::Complete)),
        ),
        (
            State::InProgress,
            Name::Block,
            &office,
            Some(not_executor(Name::Block)),
        ),
        (
            BLOCKED_PENDING,
            Name::Unblock,
            &eco,
            Some(not_executor(Name::Unblock)),
        ),
        (
            State::Done,
            Name::Verify,
            &water,
            Some(not_verifier.clone()),
        ),
        (
            State::Done,
            Name::Verify,
            &office,
            Some(not_verifier.clone()),
        ),
        (State::Done, Name::Verify, &eco, None),
        (State::Done, Name::Reject, &township, Some(not_verifier)),
        (State::Done, Name::Reject, &eco, None),
        (State::Pending, Name::Waive, &water, Some(E::OfficeOnly)),
        (State::Pending, Name::Waive, &eco, Some(E::OfficeOnly)),
        (
            State::Pending,
            Name::Waive,
            &Actor::Plan,
            Some(E::OfficeOnly),
        ),
        (State::Pending, Name::Waive, &office, None),
        (State::Pending, Name::Cancel, &office, Some(E::PlanOnly)),
        (State::Cancelled, Name::Restore, &water, Some(E::PlanOnly)),
    ];
    for (state, name, actor, expected) in cases {
        let result = transition(state, &verified_by_eco(), &action(name), actor);
        match expected {
            Some(error) => assert_eq!(result, Err(error), "{state:?} × {name:?} by {actor:?}"),
            None => assert!(
                result.is_ok(),
                "{state:?} × {name:?} by {actor:?}: {result:?}"
            ),
        }
    }
}

#[test]
fn permission_is_checked_before_the_state() {
    let result = transition(
        State::Verified,
        &verified_by_eco(),
        &Action::Start,
        &Actor::party("eco", false),
    );
    assert!(
        matches!(result, Err(TransitionError::NotExecutor { .. })),
        "a stranger learns nothing about the state: {result:?}"
    );
}

#[test]
fn errors_map_to_their_grpc_codes_and_reasons() {
    let cases = [
        (
            TransitionError::Illegal {
                state: State::Verified,
                action: Action::Start,
            },
            "ILLEGAL_TRANSITION",
            false,
        ),
        (
            TransitionError::VerificationNotNeeded,
            "VERIFICATION_NOT_NEEDED",
            false,
        ),
        (TransitionError::OfficeOnly, "OFFICE_ONLY", true),
        (
            TransitionError::NotVerifier {
                verifier: "eco".into(),
            },
            "NOT_VERIFIER",
            true,
        ),
        (TransitionError::PlanOnly, "PLAN_ONLY", true),
    ];
    for (error, reason, permission) in cases {
        assert_eq!(error.reason().as_str(), reason, "{error:?}");
        assert_eq!(error.is_permission(), permission, "{error:?}");
        let mapped = rectify_kit::Error::from(error.clone());
        let is_denied = matches!(mapped, rectify_kit::Error::PermissionDenied { .. });
        assert_eq!(is_denied, permission, "{error:?} → {mapped:?}");
    }
}

#[test]
fn an_illegal_transition_reads_in_chinese_then_english() {
    let message = TransitionError::Illegal {
        state: State::Verified,
        action: Action::Start,
    }
    .to_string();
    assert_eq!(
        message,
        "工作事项当前为“已核验”，不能“开始办理” (cannot start a work item that is verified)"
    );
}

#[test]
fn completeness_follows_verification() {
    // (state, complete with verification, complete without)
    let cases = [
        (State::Pending, false, false),
        (State::InProgress, false, false),
        (State::Done, false, true),
        (State::Verified, true, true),
        (BLOCKED_IN_PROGRESS, false, false),
        (State::Waived, true, true),
        (State::Cancelled, false, false),
    ];
    for (state, with, without) in cases {
        assert_eq!(state.is_complete(true), with, "{state:?} with verification");
        assert_eq!(
            state.is_complete(false),
            without,
            "{state:?} without verification"
        );
        assert!(
            !(state == State::Cancelled && state.is_open(true)),
            "cancelled is not open"
        );
    }
}
