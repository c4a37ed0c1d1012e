//! What a published or changed plan, or a reopened enterprise, does to a service's work items
//! for one enterprise (DESIGN §2 "Work item").
//!
//! [`sync`] compares the plan's measures that this service owns with the items it already has
//! for the enterprise and returns the [`Effect`]s to apply, in a stable order:
//!
//! - a measure with no item in the current round → [`Effect::Create`];
//! - an open item whose terms (kind, title, executor, cooperating, deadline, verifier) differ →
//!   [`Effect::Reschedule`], state and history kept;
//! - a cancelled item whose measure is back → [`Effect::Restore`] with the plan's terms;
//! - an item of the current round whose measure is gone, PENDING, IN_PROGRESS or BLOCKED →
//!   [`Effect::Cancel`]; a DONE, VERIFIED or WAIVED item is left as it is ("unless done");
//! - anything else → nothing, so applying the same plan twice changes nothing.
//!
//! Items are identified by (enterprise, measure id, round), which survives plan versions. A
//! reopened enterprise is synced with the next round: no item exists in it yet, so every owned
//! measure is created again, and the earlier round is left untouched with its evidence.
//! Complete items (DONE without verification, VERIFIED, WAIVED) are never rescheduled: their
//! work was accepted under the terms they carry.

use std::collections::HashSet;

use thiserror::Error;

use super::assignment::{Assignment, AssignmentError};
use super::deadline::Deadline;
use super::round::Round;
use super::state::State;

/// The terms a plan sets for a work item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terms {
    /// The measure's kind, e.g. `water_cut`.
    pub kind: String,
    /// Title in Chinese.
    pub title: String,
    /// Who executes and who verifies, placeholders resolved.
    pub assignment: Assignment,
    /// Cooperating party codes, placeholders resolved.
    pub cooperating: Vec<String>,
    /// The deadline.
    pub deadline: Deadline,
}

/// One measure of the plan, owned by this service, as the feed delivered it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedMeasure {
    /// The measure's id in the plan, stable across versions, e.g. `m3`.
    pub id: String,
    /// The measure's terms for this enterprise.
    pub terms: Terms,
}

impl PlannedMeasure {
    /// A measure as the plan states it, for an enterprise in `jurisdiction`: the catalog's
    /// placeholder `jurisdiction` in the owner, verifier or cooperating parties becomes that
    /// jurisdiction's code.
    #[allow(clippy::too_many_arguments)]
    pub fn resolve(
        id: impl Into<String>,
        kind: impl Into<String>,
        title: impl Into<String>,
        owner: &str,
        verifier: Option<&str>,
        cooperating: &[String],
        deadline: Deadline,
        jurisdiction: &str,
    ) -> Result<PlannedMeasure, AssignmentError> {
        let assignment = Assignment::resolve(owner, verifier, jurisdiction)?;
        let cooperating = cooperating
            .iter()
            .map(|party| {
                Assignment::resolve(party, None, jurisdiction).map(|a| a.executor().to_owned())
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PlannedMeasure {
            id: id.into(),
            terms: Terms {
                kind: kind.into(),
                title: title.into(),
                assignment,
                cooperating,
                deadline,
            },
        })
    }
}

/// Identifies a work item within one enterprise: the measure and the round.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ItemKey {
    /// The measure's id in the plan.
    pub measure_id: String,
    /// The round the item belongs to.
    pub round: Round,
}

/// A work item the service already has for the enterprise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExistingItem {
    /// Which item.
    pub key: ItemKey,
    /// Its state.
    pub state: State,
    /// The terms it carries now.
    pub terms: Terms,
}

/// A term a plan update changed, named after the `WorkItem` proto field(s) holding it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TermField {
    /// `kind`.
    Kind,
    /// `title`.
    Title,
    /// `executor`.
    Executor,
    /// `cooperating`.
    Cooperating,
    /// `deadline`.
    Deadline,
    /// `needs_verification` and `verifier`.
    Verifier,
}

impl TermField {
    /// The `WorkItem` field paths, for the event's `FieldMask`.
    pub fn paths(self) -> &'static [&'static str] {
        match self {
            TermField::Kind => &["kind"],
            TermField::Title => &["title"],
            TermField::Executor => &["executor"],
            TermField::Cooperating => &["cooperating"],
            TermField::Deadline => &["deadline"],
            TermField::Verifier => &["needs_verification", "verifier"],
        }
    }
}

/// The terms that differ between `old` and `new`, in a fixed order.
pub fn changed_terms(old: &Terms, new: &Terms) -> Vec<TermField> {
    let checks = [
        (TermField::Kind, old.kind != new.kind),
        (TermField::Title, old.title != new.title),
        (
            TermField::Executor,
            old.assignment.executor() != new.assignment.executor(),
        ),
        (TermField::Cooperating, old.cooperating != new.cooperating),
        (TermField::Deadline, old.deadline != new.deadline),
        (
            TermField::Verifier,
            old.assignment.verifier() != new.assignment.verifier(),
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(field, differs)| differs.then_some(field))
        .collect()
}

/// One change to apply to the enterprise's items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A new item in PENDING.
    Create {
        /// The new item's key.
        key: ItemKey,
        /// Its terms.
        terms: Terms,
    },
    /// New terms for an open item; its state and history are kept.
    Reschedule {
        /// Which item.
        key: ItemKey,
        /// The terms it carried.
        previous: Terms,
        /// The terms it carries from now on.
        terms: Terms,
        /// What differs, never empty.
        changed: Vec<TermField>,
    },
    /// CANCELLED → PENDING with the plan's terms.
    Restore {
        /// Which item.
        key: ItemKey,
        /// The terms it carries from now on.
        terms: Terms,
    },
    /// PENDING, IN_PROGRESS or BLOCKED → CANCELLED.
    Cancel {
        /// Which item.
        key: ItemKey,
    },
}

/// Why a plan cannot be synced.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SyncError {
    /// Two measures share an id.
    #[error("计划中措施编号“{0}”重复 (measure id {0} appears twice in the plan)")]
    DuplicateMeasure(String),
    /// The round is older than items the service already has: a stale feed event.
    #[error(
        "轮次{round}早于已有的第{latest}轮 (round {round} is older than the existing round {latest})"
    )]
    StaleRound {
        /// The round asked for.
        round: Round,
        /// The newest round among the existing items.
        latest: Round,
    },
}

/// The effects of syncing the enterprise's `items` with the plan's owned `measures` in `round`
/// (the enterprise's current round: 1, plus one per reopening).
pub fn sync(
    round: Round,
    measures: &[PlannedMeasure],
    items: &[ExistingItem],
) -> Result<Vec<Effect>, SyncError> {
    if let Some(latest) = items.iter().map(|item| item.key.round).max()
        && latest > round
    {
        return Err(SyncError::StaleRound { round, latest });
    }
    let mut seen = HashSet::new();
    for measure in measures {
        if !seen.insert(measure.id.as_str()) {
            return Err(SyncError::DuplicateMeasure(measure.id.clone()));
        }
    }
    let current = |measure_id: &str| {
        items
            .iter()
            .find(|item| item.key.round == round && item.key.measure_id == measure_id)
    };
    let mut effects: Vec<Effect> = measures
        .iter()
        .filter_map(|measure| {
            let key = ItemKey {
                measure_id: measure.id.clone(),
                round,
            };
            let terms = measure.terms.clone();
            let Some(item) = current(&measure.id) else {
                return Some(Effect::Create { key, terms });
            };
            if item.state == State::Cancelled {
                return Some(Effect::Restore { key, terms });
            }
            let open = item
                .state
                .is_open(item.terms.assignment.needs_verification());
            let changed = changed_terms(&item.terms, &terms);
            (open && !changed.is_empty()).then(|| Effect::Reschedule {
                key,
                previous: item.terms.clone(),
                terms,
                changed,
            })
        })
        .collect();
    effects.extend(
        items
            .iter()
            .filter(|item| item.key.round == round && !seen.contains(item.key.measure_id.as_str()))
            .filter(|item| {
                matches!(
                    item.state,
                    State::Pending | State::InProgress | State::Blocked { .. }
                )
            })
            .map(|item| Effect::Cancel {
                key: item.key.clone(),
            }),
    );
    Ok(effects)
}

#[cfg(test)]
#[path = "plan_sync_tests.rs"]
mod tests;
