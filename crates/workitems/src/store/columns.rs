//! Work items and their steps as stored, read back typed: states, actions and the state an item
//! was blocked from are stable text codes, cooperating parties JSON, evidence an encoded
//! message, and every other column of an item is parsed into its domain type by
//! [`Item::try_from`]. A stored value that does not parse fails the read (INTERNAL, logged),
//! never turns into a default.

use chrono::{DateTime, Utc};
use rectify_kit::Error;
use rectify_proto::workitems::v1 as pb;
use serde::{Deserialize, Serialize};

use super::item::Item;
use crate::domain::{Action, Assignment, Deadline, Resume, Round, State, Terms};

/// The stored code of a [`State`], without the state it was blocked from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateCode {
    Pending,
    InProgress,
    Done,
    Verified,
    Blocked,
    Waived,
    Cancelled,
}

impl StateCode {
    const ALL: [StateCode; 7] = [
        StateCode::Pending,
        StateCode::InProgress,
        StateCode::Done,
        StateCode::Verified,
        StateCode::Blocked,
        StateCode::Waived,
        StateCode::Cancelled,
    ];

    /// The stored text.
    pub fn code(self) -> &'static str {
        match self {
            StateCode::Pending => "pending",
            StateCode::InProgress => "in_progress",
            StateCode::Done => "done",
            StateCode::Verified => "verified",
            StateCode::Blocked => "blocked",
            StateCode::Waived => "waived",
            StateCode::Cancelled => "cancelled",
        }
    }

    fn from_code(code: &str) -> Option<StateCode> {
        StateCode::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The code of `state`.
    pub fn of(state: State) -> StateCode {
        match state {
            State::Pending => StateCode::Pending,
            State::InProgress => StateCode::InProgress,
            State::Done => StateCode::Done,
            State::Verified => StateCode::Verified,
            State::Blocked { .. } => StateCode::Blocked,
            State::Waived => StateCode::Waived,
            State::Cancelled => StateCode::Cancelled,
        }
    }

    /// As the API shows it.
    pub fn to_pb(self) -> pb::State {
        match self {
            StateCode::Pending => pb::State::Pending,
            StateCode::InProgress => pb::State::InProgress,
            StateCode::Done => pb::State::Done,
            StateCode::Verified => pb::State::Verified,
            StateCode::Blocked => pb::State::Blocked,
            StateCode::Waived => pb::State::Waived,
            StateCode::Cancelled => pb::State::Cancelled,
        }
    }

    /// The code of an API state; `None` for STATE_UNSPECIFIED.
    pub fn from_pb(state: pb::State) -> Option<StateCode> {
        StateCode::ALL.into_iter().find(|s| s.to_pb() == state)
    }
}

/// The stored code of a step's action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionCode {
    Create,
    Reschedule,
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

impl ActionCode {
    const ALL: [ActionCode; 11] = [
        ActionCode::Create,
        ActionCode::Reschedule,
        ActionCode::Start,
        ActionCode::Complete,
        ActionCode::Verify,
        ActionCode::Reject,
        ActionCode::Block,
        ActionCode::Unblock,
        ActionCode::Waive,
        ActionCode::Cancel,
        ActionCode::Restore,
    ];

    /// The stored text.
    pub fn code(self) -> &'static str {
        match self {
            ActionCode::Create => "create",
            ActionCode::Reschedule => "reschedule",
            ActionCode::Start => "start",
            ActionCode::Complete => "complete",
            ActionCode::Verify => "verify",
            ActionCode::Reject => "reject",
            ActionCode::Block => "block",
            ActionCode::Unblock => "unblock",
            ActionCode::Waive => "waive",
            ActionCode::Cancel => "cancel",
            ActionCode::Restore => "restore",
        }
    }

    fn from_code(code: &str) -> Option<ActionCode> {
        ActionCode::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The code of a transition's action.
    pub fn of(action: &Action) -> ActionCode {
        match action {
            Action::Start => ActionCode::Start,
            Action::Complete => ActionCode::Complete,
            Action::Verify => ActionCode::Verify,
            Action::Reject { .. } => ActionCode::Reject,
            Action::Block { .. } => ActionCode::Block,
            Action::Unblock => ActionCode::Unblock,
            Action::Waive { .. } => ActionCode::Waive,
            Action::Cancel => ActionCode::Cancel,
            Action::Restore => ActionCode::Restore,
        }
    }

    /// As the API shows it.
    pub fn to_pb(self) -> pb::Action {
        match self {
            ActionCode::Create => pb::Action::Create,
            ActionCode::Reschedule => pb::Action::Reschedule,
            ActionCode::Start => pb::Action::Start,
            ActionCode::Complete => pb::Action::Complete,
            ActionCode::Verify => pb::Action::Verify,
            ActionCode::Reject => pb::Action::Reject,
            ActionCode::Block => pb::Action::Block,
            ActionCode::Unblock => pb::Action::Unblock,
            ActionCode::Waive => pb::Action::Waive,
            ActionCode::Cancel => pb::Action::Cancel,
            ActionCode::Restore => pb::Action::Restore,
        }
    }
}

fn resume_code(resume: &Resume) -> &'static str {
    match resume {
        Resume::Pending => "pending",
        Resume::InProgress => "in_progress",
    }
}

fn resume_from_code(code: &str) -> Option<Resume> {
    [Resume::Pending, Resume::InProgress]
        .into_iter()
        .find(|r| resume_code(r) == code)
}

/// Party codes, stored as a JSON array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Parties(pub Vec<String>);

rectify_campaign::text_column!(StateCode, |s| s.code(), StateCode::from_code);
rectify_campaign::text_column!(ActionCode, |a| a.code(), ActionCode::from_code);
rectify_campaign::text_column!(Resume, resume_code, resume_from_code);
rectify_campaign::json_column!(Parties);

/// Columns of `work_items`, in [`ItemRow`] order, for `concat!`.
macro_rules! item_columns {
    () => {
        "id, enterprise_id, enterprise_display_name, jurisdiction, measure_id, round, kind, \
         title, executor, cooperating, needs_verification, verifier, deadline, state, \
         blocked_from, blocked_reason, waived_reason, plan_version, version, created_at, \
         updated_at"
    };
}
pub(crate) use item_columns;

/// A row of `work_items` as read.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub id: String,
    pub enterprise_id: String,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
    pub measure_id: String,
    pub round: i32,
    pub kind: String,
    pub title: String,
    pub executor: String,
    pub cooperating: Parties,
    pub needs_verification: bool,
    pub verifier: Option<String>,
    pub deadline: String,
    pub state: StateCode,
    pub blocked_from: Option<Resume>,
    pub blocked_reason: String,
    pub waived_reason: String,
    pub plan_version: i64,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// How `state` is stored: its code and, when blocked, the state it was blocked from.
pub fn stored_state(state: State) -> (StateCode, Option<Resume>) {
    match state {
        State::Blocked { from } => (StateCode::Blocked, Some(from)),
        other => (StateCode::of(other), None),
    }
}

/// How a round is stored.
pub fn round_column(round: Round) -> i32 {
    i32::try_from(round.number()).unwrap_or(i32::MAX)
}

/// The state stored as `code` and `blocked_from`, which must agree.
fn state(code: StateCode, blocked_from: Option<Resume>) -> Result<State, String> {
    let state = match (code, blocked_from) {
        (StateCode::Blocked, Some(from)) => return Ok(State::Blocked { from }),
        (StateCode::Blocked, None) => return Err("blocked without blocked_from".into()),
        (_, Some(_)) => return Err(format!("{} with blocked_from", code.code())),
        (StateCode::Pending, None) => State::Pending,
        (StateCode::InProgress, None) => State::InProgress,
        (StateCode::Done, None) => State::Done,
        (StateCode::Verified, None) => State::Verified,
        (StateCode::Waived, None) => State::Waived,
        (StateCode::Cancelled, None) => State::Cancelled,
    };
    Ok(state)
}

impl TryFrom<ItemRow> for Item {
    type Error = Error;

    fn try_from(row: ItemRow) -> Result<Item, Error> {
        let corrupt = |what: &str, cause: &dyn std::fmt::Display| {
            Error::corrupt(what, &format!("work_items {}", row.id), cause)
        };
        let round = Round::new(row.round.into()).map_err(|e| corrupt("round", &e))?;
        let deadline = Deadline::parse(&row.deadline).map_err(|e| corrupt("deadline", &e))?;
        if row.needs_verification != row.verifier.is_some() {
            return Err(corrupt(
                "verifier",
                &"needs_verification disagrees with verifier",
            ));
        }
        let assignment = Assignment::new(row.executor.clone(), row.verifier.clone())
            .map_err(|e| corrupt("assignment", &e))?;
        let state = state(row.state, row.blocked_from).map_err(|e| corrupt("state", &e))?;
        Ok(Item {
            id: row.id,
            enterprise_id: row.enterprise_id,
            enterprise_display_name: row.enterprise_display_name,
            jurisdiction: row.jurisdiction,
            measure_id: row.measure_id,
            round,
            terms: Terms {
                kind: row.kind,
                title: row.title,
                assignment,
                cooperating: row.cooperating.0,
                deadline,
            },
            state,
            blocked_reason: row.blocked_reason,
            waived_reason: row.waived_reason,
            plan_version: row.plan_version,
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// Evidence as stored: an encoded `rectify.workitems.v1.Evidence`. Bytes that do not decode
/// fail the read.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvidence(pub pb::Evidence);

impl<DB: sqlx::Database> sqlx::Type<DB> for StoredEvidence
where
    Vec<u8>: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <Vec<u8> as sqlx::Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <Vec<u8> as sqlx::Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for StoredEvidence
where
    Vec<u8>: sqlx::Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let bytes = <Vec<u8> as sqlx::Decode<'r, DB>>::decode(value)?;
        let evidence = <pb::Evidence as prost::Message>::decode(bytes.as_slice())
            .map_err(|e| format!("stored evidence does not decode: {e}"))?;
        Ok(StoredEvidence(evidence))
    }
}

impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for StoredEvidence
where
    Vec<u8>: sqlx::Encode<'q, DB>,
{
    fn encode_by_ref(
        &self,
        buf: &mut DB::ArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        <Vec<u8> as sqlx::Encode<'q, DB>>::encode(prost::Message::encode_to_vec(&self.0), buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_and_its_blocked_from_must_agree() {
        let cases = [
            (StateCode::Pending, None, Some(State::Pending)),
            (
                StateCode::Blocked,
                Some(Resume::InProgress),
                Some(State::Blocked {
                    from: Resume::InProgress,
                }),
            ),
            (StateCode::Blocked, None, None),
            (StateCode::Done, Some(Resume::Pending), None),
        ];
        for (code, from, expected) in cases {
            assert_eq!(state(code, from).ok(), expected, "{code:?} from {from:?}");
        }
    }

    #[test]
    fn every_code_round_trips_through_text_and_the_api() {
        for code in StateCode::ALL {
            assert_eq!(StateCode::from_code(code.code()), Some(code), "{code:?}");
            assert_eq!(StateCode::from_pb(code.to_pb()), Some(code), "{code:?}");
        }
        for code in ActionCode::ALL {
            assert_eq!(ActionCode::from_code(code.code()), Some(code), "{code:?}");
        }
        assert_eq!(StateCode::from_pb(pb::State::Unspecified), None);
    }
}
