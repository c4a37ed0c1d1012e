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

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(id: &str, kind: &str, owner: &str, verifier: &str) -> registry::Measure {
        registry::Measure {
            id: id.into(),
            kind: kind.into(),
            title: kind.into(),
            owner: owner.into(),
            cooperating: vec!["jurisdiction".into()],
            deadline: "2021-12-31".into(),
            needs_verification: !verifier.is_empty(),
            verifier: verifier.into(),
        }
    }

    fn plan(state: registry::PlanState) -> Option<registry::Plan> {
        Some(registry::Plan {
            measures: vec![
                measure("m1", "water_cut", "water", "eco"),
                measure("m3", "clear_materials", "jurisdiction", "eco"),
                measure("m7", "licence_revocation", "market", ""),
            ],
            version: 4,
            state: state as i32,
            ..Default::default()
        })
    }

    fn enterprise() -> Option<registry::Enterprise> {
        Some(registry::Enterprise {
            name: "enterprises/e1".into(),
            display_name: "悦来镇宏达米业".into(),
            jurisdiction: "yuelai".into(),
            ..Default::default()
        })
    }

    fn change<E: prost::Name>(event: &E) -> Change {
        Change {
            seq: 7,
            event: Some(prost_types::Any {
                type_url: E::type_url(),
                value: event.encode_to_vec(),
            }),
            ..Default::default()
        }
    }

    fn decoded(change: &Change) -> Option<PlanChange> {
        decode(change, ServiceName::Utilities, &Campaign::huachuan_2021()).expect("decodes")
    }

    #[test]
    fn a_published_plan_gives_the_services_own_measures_resolved() {
        let published = registry::PlanPublished {
            enterprise: enterprise(),
            plan: plan(registry::PlanState::Published),
        };
        let plan = decoded(&change(&published)).expect("a plan for utilities");
        assert_eq!(
            (plan.event, plan.enterprise_id.as_str(), plan.plan_version),
            (PlanEvent::Published, "e1", 4),
            "what and whose"
        );
        let ids: Vec<&str> = plan.measures.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            ["m1", "m3"],
            "licensing's revocation is not utilities'"
        );
        let clearing = &plan.measures[1].terms;
        assert_eq!(
            (clearing.assignment.executor(), clearing.cooperating.clone()),
            ("yuelai", vec!["yuelai".to_owned()]),
            "the placeholder becomes the enterprise's township"
        );
    }

    #[test]
    fn only_published_plans_and_reopenings_concern_the_service() {
        let draft = registry::PlanUpdated {
            enterprise: enterprise(),
            plan: plan(registry::PlanState::Draft),
        };
        assert_eq!(decoded(&change(&draft)), None, "a draft edit");
        let confirmed = registry::EnterpriseConfirmed {
            enterprise: enterprise(),
        };
        assert_eq!(decoded(&change(&confirmed)), None, "another event");
        let reopened = registry::EnterpriseReopened {
            enterprise: enterprise(),
            plan: plan(registry::PlanState::Published),
            reason: "反弹".into(),
        };
        let event = decoded(&change(&reopened)).map(|p| p.event);
        assert_eq!(event, Some(PlanEvent::Reopened), "a reopening");
        let second = Round::FIRST.next();
        let rounds = [
            (PlanEvent::Published, None, Round::FIRST),
            (PlanEvent::Updated, Some(second), second),
            (PlanEvent::Reopened, Some(Round::FIRST), second),
            (PlanEvent::Reopened, None, second),
        ];
        for (event, current, expected) in rounds {
            assert_eq!(
                event.round(current),
                expected,
                "{event:?} after {current:?}"
            );
        }
    }

    #[test]
    fn an_event_the_follower_cannot_read_is_an_error_not_a_skip() {
        let mut bad_deadline = plan(registry::PlanState::Published);
        if let Some(plan) = bad_deadline.as_mut() {
            plan.measures[0].deadline = "2021-12-32".into();
        }
        let cases = [
            (
                "a deadline that is no date",
                change(&registry::PlanPublished {
                    enterprise: enterprise(),
                    plan: bad_deadline,
                }),
            ),
            (
                "no enterprise",
                change(&registry::PlanPublished {
                    enterprise: None,
                    plan: plan(registry::PlanState::Published),
                }),
            ),
            ("no event", Change::default()),
        ];
        for (why, change) in cases {
            let decoded = decode(&change, ServiceName::Utilities, &Campaign::huachuan_2021());
            assert!(decoded.is_err(), "{why}");
        }
    }
}
