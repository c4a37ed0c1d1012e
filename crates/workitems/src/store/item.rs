//! A stored work item as the machinery works with it ([`Item`]), the step a change appends to
//! its history ([`Step`]), and a caller's move of it ([`Transition`]), decided without I/O:
//! [`Item::take`] checks the permission and the state and changes the item, or says no.

use chrono::{DateTime, Utc};
use rectify_kit::auth::{PartyKind, Principal};
use rectify_kit::clock::Clock;
use rectify_kit::parse::{etag, timestamp};
use rectify_kit::{CallContext, Error, Result};
use rectify_proto::workitems::v1 as pb;

use super::columns::{ActionCode, StateCode, StoredEvidence, round_column};
use crate::domain::{Action, Actor, Evidence, Note, Round, State, Terms, is_overdue};

/// The `actor` of the steps that follow the registry's feed (create, reschedule, cancel,
/// restore).
pub const PLAN_ACTOR: &str = "plan";

/// The clock's now at the precision both databases keep (microseconds), so that an answer
/// shows the times a later read will.
pub fn stored_now(clock: &Clock) -> DateTime<Utc> {
    let now = clock.now();
    DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now)
}

/// `workItems/{id}`.
pub fn item_name(id: &str) -> String {
    format!("{}/{id}", crate::domain::name::COLLECTION)
}

/// `enterprises/{id}`, the registry's name of an enterprise.
pub fn enterprise_name(id: &str) -> String {
    format!("enterprises/{id}")
}

/// A work item as stored, every column parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// UUIDv7, assigned at creation and kept for the item's life.
    pub id: String,
    pub enterprise_id: String,
    pub enterprise_display_name: String,
    /// Party code of the enterprise's jurisdiction.
    pub jurisdiction: String,
    /// The measure's id in the plan.
    pub measure_id: String,
    pub round: Round,
    /// What the plan asks, placeholders resolved.
    pub terms: Terms,
    pub state: State,
    /// Set only while blocked.
    pub blocked_reason: String,
    /// Set only once waived.
    pub waived_reason: String,
    /// The plan version whose terms the item carries.
    pub plan_version: i64,
    /// Bumped by every step; the etag.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Item {
    /// `workItems/{id}`.
    pub fn name(&self) -> String {
        item_name(&self.id)
    }

    /// The etag of the current version.
    pub fn etag(&self) -> String {
        etag(self.version)
    }

    /// Refuses a stale etag (ABORTED); an empty one means "the current version".
    pub fn check_etag(&self, sent: &str) -> Result<()> {
        let sent = sent.trim();
        if sent.is_empty() || sent == self.etag() {
            Ok(())
        } else {
            Err(Error::stale_etag(&self.name()))
        }
    }

    /// Refuses (INVALID_ARGUMENT on `work_item`) an item of a kind other than `kinds`, the kinds
    /// the bureau's method `method` works on.
    pub fn check_kind(&self, kinds: &[&str], method: &str) -> Result<()> {
        if kinds.contains(&self.terms.kind.as_str()) {
            return Ok(());
        }
        let (name, kind, expected) = (self.name(), &self.terms.kind, kinds.join("/"));
        Err(Error::invalid(
            "work_item",
            rectify_kit::text!(
                "{name} 是“{kind}”类事项，{method} 只适用于“{expected}”类事项",
                "{name} is a {kind} item; {method} works on {expected} items"
            ),
        ))
    }

    /// Whether the item is overdue at `now` (derived, never stored).
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        is_overdue(
            self.terms.deadline,
            self.state,
            self.terms.assignment.needs_verification(),
            now,
        )
    }

    /// The item as the API shows it, without history; `overdue` derived at `now` when given
    /// (feed events leave it unset).
    pub fn to_proto(&self, now: Option<DateTime<Utc>>) -> pb::WorkItem {
        let blocked_from = match self.state {
            State::Blocked { from } => StateCode::of(from.into()).to_pb(),
            _ => pb::State::Unspecified,
        };
        pb::WorkItem {
            name: self.name(),
            enterprise: enterprise_name(&self.enterprise_id),
            enterprise_display_name: self.enterprise_display_name.clone(),
            jurisdiction: self.jurisdiction.clone(),
            measure_id: self.measure_id.clone(),
            kind: self.terms.kind.clone(),
            title: self.terms.title.clone(),
            executor: self.terms.assignment.executor().to_owned(),
            cooperating: self.terms.cooperating.clone(),
            needs_verification: self.terms.assignment.needs_verification(),
            verifier: self
                .terms
                .assignment
                .verifier()
                .unwrap_or_default()
                .to_owned(),
            deadline: self.terms.deadline.to_string(),
            state: StateCode::of(self.state).to_pb() as i32,
            overdue: now.is_some_and(|now| self.is_overdue(now)),
            round: round_column(self.round),
            blocked_reason: self.blocked_reason.clone(),
            blocked_from: blocked_from as i32,
            waived_reason: self.waived_reason.clone(),
            plan_version: self.plan_version,
            history: Vec::new(),
            create_time: Some(timestamp(self.created_at)),
            update_time: Some(timestamp(self.updated_at)),
            etag: self.etag(),
        }
    }

    /// Applies `transition` if its actor may take it in the item's state: the new state, its
    /// reasons, the next version, and the step to append. The item is unchanged on refusal.
    pub fn take(&mut self, transition: &Transition) -> Result<Step> {
        let from = self.state;
        let to = crate::domain::transition(
            from,
            &self.terms.assignment,
            &transition.action,
            &transition.actor,
        )?;
        let reason = match &transition.action {
            Action::Reject { reason } | Action::Block { reason } | Action::Waive { reason } => {
                reason.to_string()
            }
            _ => transition.note.to_string(),
        };
        self.state = to;
        self.blocked_reason = match (&transition.action, to) {
            (Action::Block { reason }, State::Blocked { .. }) => reason.to_string(),
            _ => String::new(),
        };
        if let Action::Waive { reason } = &transition.action {
            self.waived_reason = reason.to_string();
        }
        self.version += 1;
        self.updated_at = transition.at;
        Ok(Step {
            action: ActionCode::of(&transition.action),
            from: Some(StateCode::of(from)),
            to: StateCode::of(to),
            actor: transition.recorded_by.clone(),
            at: transition.at,
            reason,
            evidence: transition
                .evidence
                .as_ref()
                .map(|e| StoredEvidence(e.to_proto(&transition.recorded_by, transition.at))),
            request_id: transition.request_id.clone(),
            plan_version: self.plan_version,
        })
    }
}

/// One change of an item, as appended to its history and read back from it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Step {
    pub action: ActionCode,
    /// `None` for the creation.
    #[sqlx(rename = "from_state")]
    pub from: Option<StateCode>,
    #[sqlx(rename = "to_state")]
    pub to: StateCode,
    /// `party/subject` of the caller, or [`PLAN_ACTOR`].
    pub actor: String,
    #[sqlx(rename = "recorded_at")]
    pub at: DateTime<Utc>,
    /// The reason given, the caller's note, or what the plan changed.
    pub reason: String,
    /// With who recorded it and when.
    pub evidence: Option<StoredEvidence>,
    /// The caller's request_id, or `{source}:{seq}` of the change followed.
    pub request_id: String,
    pub plan_version: i64,
}

impl Step {
    /// The step as the API shows it.
    pub fn to_proto(&self) -> pb::Step {
        pb::Step {
            action: self.action.to_pb() as i32,
            from_state: self.from.map_or(pb::State::Unspecified, StateCode::to_pb) as i32,
            to_state: self.to.to_pb() as i32,
            actor: self.actor.clone(),
            time: Some(timestamp(self.at)),
            reason: self.reason.clone(),
            evidence: self.evidence.as_ref().map(|e| e.0.clone()),
            request_id: self.request_id.clone(),
            plan_version: self.plan_version,
        }
    }
}

/// Someone's move of a work item: what, by whom, backed by what.
#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    pub action: Action,
    /// Who asks, for the permission check.
    pub actor: Actor,
    /// `party/subject`, recorded in the step and the evidence.
    pub recorded_by: String,
    pub evidence: Option<Evidence>,
    /// A remark, recorded as the step's reason where the action takes no reason.
    pub note: Note,
    pub request_id: String,
    pub at: DateTime<Utc>,
}

impl Transition {
    /// `action` by the caller of `ctx` at `at`, backed by `evidence`.
    pub fn by(
        ctx: &CallContext,
        action: Action,
        evidence: Option<Evidence>,
        note: Note,
        at: DateTime<Utc>,
    ) -> Transition {
        Transition {
            action,
            actor: actor(&ctx.principal),
            recorded_by: ctx.actor(),
            evidence,
            note,
            request_id: ctx.request_id.clone(),
            at,
        }
    }

    /// `action` (cancel or restore) because the plan changed, following the registry's change
    /// `request_id` (`registry:{seq}`).
    pub fn by_plan(action: Action, request_id: String, at: DateTime<Utc>) -> Transition {
        Transition {
            action,
            actor: Actor::Plan,
            recorded_by: PLAN_ACTOR.to_owned(),
            evidence: None,
            note: Note::default(),
            request_id,
            at,
        }
    }
}

/// The caller as the state machine sees it: its party, the office or not.
pub fn actor(principal: &Principal) -> Actor {
    Actor::party(principal.party.clone(), principal.kind == PartyKind::Office)
}
