//! The registry's events as the follower reads them: a published or changed plan, or a reopened
//! enterprise, decoded from its typed event (never from the registry's rows) into the measures
//! this service owns, resolved for the enterprise's jurisdiction.

use prost::Name as _;
use rectify_campaign::{Campaign, ServiceName};
use rectify_kit::{Error, Result};
use rectify_proto::feed::v1::Change;
use rectify_proto::registry::v1 as registry;

use crate::domain::{Deadline, PlannedMeasure, Round, TermField, Terms};

/// What the registry's change asks of this service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanEvent {
    /// The plan was published: the current round's items are created.
    Published,
    /// A published plan changed: the current round's items follow it.
    Updated,
    /// The enterprise was reopened: a new round of items.
    Reopened,
}

impl PlanEvent {
    /// The round the plan applies to, given the enterprise's current one (none before its plan
    /// was first seen published).
    pub fn round(self, current: Option<Round>) -> Round {
        let current = current.unwrap_or(Round::FIRST);
        match self {
            PlanEvent::Published | PlanEvent::Updated => current,
            PlanEvent::Reopened => current.next(),
        }
    }
}

/// A plan as it concerns one service.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanChange {
    pub event: PlanEvent,
    /// The registry's id of the enterprise.
    pub enterprise_id: String,
    pub display_name: String,
    /// Party code of its jurisdiction.
    pub jurisdiction: String,
    pub plan_version: i64,
    /// The plan's measures of kinds `service` executes, placeholders resolved.
    pub measures: Vec<PlannedMeasure>,
}

/// The plan `change` carries for `service`, or `None` for an event that creates or changes no
/// work item (a finding, a confirmation, an edit of a plan not yet published, …).
pub fn decode(
    change: &Change,
    service: ServiceName,
    campaign: &Campaign,
) -> Result<Option<PlanChange>> {
    let Some(event) = &change.event else {
        return Err(bad(change, &"carries no event"));
    };
    let decoded = |e: prost::DecodeError| bad(change, &e);
    let (kind, enterprise, plan) = if event.type_url == registry::PlanPublished::type_url() {
        let e: registry::PlanPublished = event.to_msg().map_err(decoded)?;
        (PlanEvent::Published, e.enterprise, e.plan)
    } else if event.type_url == registry::PlanUpdated::type_url() {
        let e: registry::PlanUpdated = event.to_msg().map_err(decoded)?;
        let published = e
            .plan
            .as_ref()
            .is_some_and(|p| p.state() == registry::PlanState::Published);
        if !published {
            return Ok(None);
        }
        (PlanEvent::Updated, e.enterprise, e.plan)
    } else if event.type_url == registry::EnterpriseReopened::type_url() {
        let e: registry::EnterpriseReopened = event.to_msg().map_err(decoded)?;
        (PlanEvent::Reopened, e.enterprise, e.plan)
    } else {
        return Ok(None);
    };
    let (Some(enterprise), Some(plan)) = (enterprise, plan) else {
        return Err(bad(change, &"lacks the enterprise or the plan"));
    };
    let enterprise_id = enterprise
        .name
        .strip_prefix("enterprises/")
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            bad(
                change,
                &format!("names no enterprise: {:?}", enterprise.name),
            )
        })?
        .to_owned();
    let measures = plan
        .measures
        .iter()
        .filter(|m| campaign.service_for_kind(&m.kind) == Some(service))
        .map(|m| measure(m, &enterprise.jurisdiction).map_err(|e| bad(change, &e)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(PlanChange {
        event: kind,
        enterprise_id,
        display_name: enterprise.display_name,
        jurisdiction: enterprise.jurisdiction,
        plan_version: plan.version,
        measures,
    }))
}

fn measure(m: &registry::Measure, jurisdiction: &str) -> Result<PlannedMeasure, String> {
    let deadline = Deadline::parse(&m.deadline).map_err(|e| format!("measure {}: {e}", m.id))?;
    let verifier = Some(m.verifier.as_str()).filter(|v| !v.trim().is_empty());
    PlannedMeasure::resolve(
        m.id.clone(),
        m.kind.clone(),
        m.title.clone(),
        &m.owner,
        verifier,
        &m.cooperating,
        deadline,
        jurisdiction,
    )
    .map_err(|e| format!("measure {}: {e}", m.id))
}

/// A registry change the follower cannot apply: logged, and the follower retries it rather
/// than skip it (a skipped plan would silently lose work items).
fn bad(change: &Change, cause: &dyn std::fmt::Display) -> Error {
    Error::corrupt("event", &format!("registry change {}", change.seq), cause)
}

/// What a reschedule changed, for the step's reason, e.g. `deadline: 2021-12-31 → 2021-11-30`.
pub fn describe(previous: &Terms, terms: &Terms, changed: &[TermField]) -> String {
    let verifier = |t: &Terms| t.assignment.verifier().unwrap_or("—").to_owned();
    changed
        .iter()
        .map(|field| {
            let (name, before, after) = match field {
                TermField::Kind => ("kind", previous.kind.clone(), terms.kind.clone()),
                TermField::Title => ("title", previous.title.clone(), terms.title.clone()),
                TermField::Executor => (
                    "executor",
                    previous.assignment.executor().to_owned(),
                    terms.assignment.executor().to_owned(),
                ),
                TermField::Cooperating => (
                    "cooperating",
                    previous.cooperating.join(","),
                    terms.cooperating.join(","),
                ),
                TermField::Deadline => (
                    "deadline",
                    previous.deadline.to_string(),
                    terms.deadline.to_string(),
                ),
                TermField::Verifier => ("verifier", verifier(previous), verifier(terms)),
            };
            format!("{name}: {before} → {after}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}
