//! What a change on a followed feed tells the coordinator, decoded once from its typed event:
//! the registry's facts about an enterprise and its plan, a work item as it now stands, a patrol
//! or a rebound suspicion. Every other event is [`Fact::Other`]: it still goes on the
//! enterprise's timeline, but changes no figure.

use chrono::{DateTime, NaiveDate, Utc};
use prost::Name as _;
use prost_types::Any;
use rectify_kit::clock::date_cst;
use rectify_kit::parse::from_timestamp;
use rectify_proto::environment::v1 as env;
use rectify_proto::registry::v1 as reg;
use rectify_proto::utilities::v1 as util;
use rectify_proto::workitems::v1 as wi;

/// The registry's facts about one enterprise, as an event carries them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnterpriseFacts {
    /// The id of `enterprises/{id}`.
    pub id: String,
    pub display_name: String,
    pub jurisdiction: String,
    /// rectify.registry.v1.Category number.
    pub category: i32,
    /// rectify.registry.v1.LifecycleState number.
    pub state: i32,
}

/// One measure of a published plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measure {
    pub id: String,
    pub kind: String,
    pub deadline: NaiveDate,
    pub needs_verification: bool,
}

/// A work item as its latest event carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemFacts {
    /// `workItems/{id}`.
    pub name: String,
    pub enterprise_id: String,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
    pub measure_id: String,
    pub round: i32,
    pub kind: String,
    pub executor: String,
    pub deadline: NaiveDate,
    /// rectify.workitems.v1.State number.
    pub state: i32,
    pub needs_verification: bool,
    pub created_at: DateTime<Utc>,
    /// When the executor reported it done, for an event that says so (WorkItemCompleted).
    pub done_at: Option<DateTime<Utc>>,
}

/// What one change means to the projection.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    /// A finding was reported (and merged onto `enterprise`).
    Finding {
        enterprise: EnterpriseFacts,
        finding: String,
        reporter: String,
        /// rectify.registry.v1.FindingSource number.
        source: i32,
        reported_at: DateTime<Utc>,
    },
    /// The enterprise's state or classification changed (confirmed, rejected, classified).
    Enterprise(EnterpriseFacts),
    /// The plan changed; `measures` is `Some` only for a published plan.
    Plan {
        enterprise: EnterpriseFacts,
        measures: Option<Vec<Measure>>,
    },
    /// The registry signed the enterprise off.
    SignedOff(EnterpriseFacts),
    /// A rebound reopened the enterprise: a new round under its published plan.
    Reopened {
        enterprise: EnterpriseFacts,
        measures: Vec<Measure>,
    },
    /// A work item as it now stands.
    Item(ItemFacts),
    /// Environment patrolled a closed enterprise.
    Patrol {
        enterprise_id: String,
        at: DateTime<Utc>,
    },
    /// Utilities saw a cut power meter turning again.
    Suspicion {
        enterprise_id: String,
        at: DateTime<Utc>,
    },
    /// Anything else: only the timeline keeps it.
    Other,
}

/// Why an event could not be read; the follower stops on that change rather than skip it.
#[derive(Debug, thiserror::Error)]
#[error("{type_url}: {problem}")]
pub struct Undecodable {
    pub type_url: String,
    pub problem: String,
}

fn bad(any: &Any, problem: impl Into<String>) -> Undecodable {
    Undecodable {
        type_url: any.type_url.clone(),
        problem: problem.into(),
    }
}

/// The id of `enterprises/{id}`.
pub fn enterprise_id(name: &str) -> Option<&str> {
    name.strip_prefix("enterprises/")
        .filter(|id| !id.is_empty() && !id.contains('/'))
}

fn decode<M: prost::Name + Default>(any: &Any) -> Result<M, Undecodable> {
    any.to_msg().map_err(|e| bad(any, e.to_string()))
}

fn enterprise(any: &Any, e: Option<&reg::Enterprise>) -> Result<EnterpriseFacts, Undecodable> {
    let e = e.ok_or_else(|| bad(any, "no enterprise"))?;
    let id = enterprise_id(&e.name).ok_or_else(|| bad(any, format!("bad name {:?}", e.name)))?;
    Ok(EnterpriseFacts {
        id: id.to_owned(),
        display_name: e.display_name.clone(),
        jurisdiction: e.jurisdiction.clone(),
        category: e.category,
        state: e.state,
    })
}

fn date(any: &Any, field: &str, value: &str) -> Result<NaiveDate, Undecodable> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| bad(any, format!("{field} {value:?} is not YYYY-MM-DD")))
}

fn measures(any: &Any, plan: Option<&reg::Plan>) -> Result<Vec<Measure>, Undecodable> {
    let plan = plan.ok_or_else(|| bad(any, "no plan"))?;
    plan.measures
        .iter()
        .map(|m| {
            let deadline = if m.deadline.is_empty() {
                &plan.deadline
            } else {
                &m.deadline
            };
            Ok(Measure {
                id: m.id.clone(),
                kind: m.kind.clone(),
                deadline: date(any, "deadline", deadline)?,
                needs_verification: m.needs_verification,
            })
        })
        .collect()
}

fn published_measures(
    any: &Any,
    plan: Option<&reg::Plan>,
) -> Result<Option<Vec<Measure>>, Undecodable> {
    match plan {
        Some(p) if p.state() == reg::PlanState::Published => measures(any, plan).map(Some),
        _ => Ok(None),
    }
}

fn instant(
    any: &Any,
    what: &str,
    at: Option<&prost_types::Timestamp>,
) -> Result<DateTime<Utc>, Undecodable> {
    at.and_then(from_timestamp)
        .ok_or_else(|| bad(any, format!("no {what}")))
}

fn item(
    any: &Any,
    item: Option<&wi::WorkItem>,
    step: Option<&wi::Step>,
) -> Result<Fact, Undecodable> {
    let item = item.ok_or_else(|| bad(any, "no work_item"))?;
    let id = enterprise_id(&item.enterprise)
        .ok_or_else(|| bad(any, format!("bad enterprise {:?}", item.enterprise)))?;
    let done_at = match step {
        Some(step) if step.action() == wi::Action::Complete => {
            Some(instant(any, "step.time", step.time.as_ref())?)
        }
        _ => None,
    };
    Ok(Fact::Item(ItemFacts {
        name: item.name.clone(),
        enterprise_id: id.to_owned(),
        enterprise_display_name: item.enterprise_display_name.clone(),
        jurisdiction: item.jurisdiction.clone(),
        measure_id: item.measure_id.clone(),
        round: item.round.max(1),
        kind: item.kind.clone(),
        executor: item.executor.clone(),
        deadline: date(any, "deadline", &item.deadline)?,
        state: item.state,
        needs_verification: item.needs_verification,
        created_at: instant(any, "create_time", item.create_time.as_ref())?,
        done_at,
    }))
}

fn named(any: &Any, name: &str) -> Result<String, Undecodable> {
    enterprise_id(name)
        .map(str::to_owned)
        .ok_or_else(|| bad(any, format!("bad enterprise {name:?}")))
}

/// Reads the event of a change; `None` (no event) is [`Fact::Other`].
pub fn fact(event: Option<&Any>) -> Result<Fact, Undecodable> {
    let Some(any) = event else {
        return Ok(Fact::Other);
    };
    let t = any.type_url.as_str();
    macro_rules! is {
        ($m:ty) => {
            t == <$m>::type_url()
        };
    }
    if is!(reg::FindingReported) {
        let e: reg::FindingReported = decode(any)?;
        return Ok(Fact::Finding {
            enterprise: enterprise(any, e.enterprise.as_ref())?,
            finding: e.finding,
            reporter: e.reporter,
            source: e.source,
            reported_at: instant(any, "report_time", e.report_time.as_ref())?,
        });
    }
    if is!(reg::EnterpriseConfirmed) {
        let e: reg::EnterpriseConfirmed = decode(any)?;
        return Ok(Fact::Enterprise(enterprise(any, e.enterprise.as_ref())?));
    }
    if is!(reg::EnterpriseRejected) {
        let e: reg::EnterpriseRejected = decode(any)?;
        return Ok(Fact::Enterprise(enterprise(any, e.enterprise.as_ref())?));
    }
    if is!(reg::EnterpriseClassified) {
        let e: reg::EnterpriseClassified = decode(any)?;
        return Ok(Fact::Plan {
            enterprise: enterprise(any, e.enterprise.as_ref())?,
            measures: published_measures(any, e.plan.as_ref())?,
        });
    }
    if is!(reg::PlanUpdated) {
        let e: reg::PlanUpdated = decode(any)?;
        return Ok(Fact::Plan {
            enterprise: enterprise(any, e.enterprise.as_ref())?,
            measures: published_measures(any, e.plan.as_ref())?,
        });
    }
    if is!(reg::PlanPublished) {
        let e: reg::PlanPublished = decode(any)?;
        return Ok(Fact::Plan {
            enterprise: enterprise(any, e.enterprise.as_ref())?,
            measures: Some(measures(any, e.plan.as_ref())?),
        });
    }
    if is!(reg::EnterpriseSignedOff) {
        let e: reg::EnterpriseSignedOff = decode(any)?;
        return Ok(Fact::SignedOff(enterprise(any, e.enterprise.as_ref())?));
    }
    if is!(reg::EnterpriseReopened) {
        let e: reg::EnterpriseReopened = decode(any)?;
        return Ok(Fact::Reopened {
            enterprise: enterprise(any, e.enterprise.as_ref())?,
            measures: measures(any, e.plan.as_ref())?,
        });
    }
    if is!(wi::WorkItemCreated) {
        let e: wi::WorkItemCreated = decode(any)?;
        return item(any, e.work_item.as_ref(), None);
    }
    if is!(wi::WorkItemRescheduled) {
        let e: wi::WorkItemRescheduled = decode(any)?;
        return item(any, e.work_item.as_ref(), None);
    }
    macro_rules! stepped {
        ($($m:ty),*) => {
            $(if is!($m) {
                let e: $m = decode(any)?;
                return item(any, e.work_item.as_ref(), e.step.as_ref());
            })*
        };
    }
    stepped!(
        wi::WorkItemCancelled,
        wi::WorkItemRestored,
        wi::WorkItemStarted,
        wi::WorkItemCompleted,
        wi::WorkItemVerified,
        wi::WorkItemRejected,
        wi::WorkItemBlocked,
        wi::WorkItemUnblocked,
        wi::WorkItemWaived
    );
    if is!(env::PatrolRecorded) {
        let e: env::PatrolRecorded = decode(any)?;
        let patrol = e.patrol.ok_or_else(|| bad(any, "no patrol"))?;
        return Ok(Fact::Patrol {
            enterprise_id: named(any, &patrol.enterprise)?,
            at: instant(any, "patrol_time", patrol.patrol_time.as_ref())?,
        });
    }
    if is!(util::ReboundSuspected) {
        let e: util::ReboundSuspected = decode(any)?;
        return Ok(Fact::Suspicion {
            enterprise_id: named(any, &e.enterprise)?,
            at: instant(any, "read_at", e.read_at.as_ref())?,
        });
    }
    Ok(Fact::Other)
}

/// The CST date of `at`.
pub fn day(at: DateTime<Utc>) -> NaiveDate {
    date_cst(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack<M: prost::Name>(m: &M) -> Any {
        Any::from_msg(m).expect("pack")
    }

    fn enterprise_pb(state: reg::LifecycleState) -> reg::Enterprise {
        reg::Enterprise {
            name: "enterprises/e1".into(),
            display_name: "宏达米业".into(),
            jurisdiction: "yuelai".into(),
            category: reg::Category::Close as i32,
            state: state as i32,
            ..Default::default()
        }
    }

    fn plan(state: reg::PlanState) -> reg::Plan {
        reg::Plan {
            deadline: "2021-12-31".into(),
            state: state as i32,
            measures: vec![
                reg::Measure {
                    id: "m1".into(),
                    kind: "water_cut".into(),
                    deadline: "2021-09-30".into(),
                    needs_verification: true,
                    ..Default::default()
                },
                reg::Measure {
                    id: "m2".into(),
                    kind: "well_closure".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_published_plan_gives_its_measures_with_the_plan_deadline_as_default() {
        let event = pack(&reg::PlanPublished {
            enterprise: Some(enterprise_pb(reg::LifecycleState::Published)),
            plan: Some(plan(reg::PlanState::Published)),
        });
        let Fact::Plan {
            enterprise,
            measures,
        } = fact(Some(&event)).expect("decodes")
        else {
            panic!("a plan fact");
        };
        assert_eq!(enterprise.id, "e1");
        let measures = measures.expect("published");
        assert_eq!(measures[0].deadline.to_string(), "2021-09-30");
        assert_eq!(
            measures[1].deadline.to_string(),
            "2021-12-31",
            "plan deadline"
        );
    }

    #[test]
    fn a_draft_plan_update_carries_no_measures() {
        let event = pack(&reg::PlanUpdated {
            enterprise: Some(enterprise_pb(reg::LifecycleState::Classified)),
            plan: Some(plan(reg::PlanState::Draft)),
        });
        assert!(matches!(
            fact(Some(&event)),
            Ok(Fact::Plan { measures: None, .. })
        ));
    }

    #[test]
    fn a_completion_dates_the_item_done_and_other_steps_do_not() {
        let work_item = wi::WorkItem {
            name: "workItems/w1".into(),
            enterprise: "enterprises/e1".into(),
            deadline: "2021-09-30".into(),
            state: wi::State::Done as i32,
            round: 1,
            create_time: Some(prost_types::Timestamp {
                seconds: 1_630_000_000,
                nanos: 0,
            }),
            ..Default::default()
        };
        let step = |action: wi::Action| wi::Step {
            action: action as i32,
            time: Some(prost_types::Timestamp {
                seconds: 1_631_000_000,
                nanos: 0,
            }),
            ..Default::default()
        };
        let completed = pack(&wi::WorkItemCompleted {
            work_item: Some(work_item.clone()),
            step: Some(step(wi::Action::Complete)),
        });
        let Ok(Fact::Item(item)) = fact(Some(&completed)) else {
            panic!("an item fact");
        };
        assert_eq!(item.done_at.map(|t| t.timestamp()), Some(1_631_000_000));
        let started = pack(&wi::WorkItemStarted {
            work_item: Some(work_item),
            step: Some(step(wi::Action::Start)),
        });
        let Ok(Fact::Item(item)) = fact(Some(&started)) else {
            panic!("an item fact");
        };
        assert_eq!(item.done_at, None);
    }

    #[test]
    fn an_event_that_does_not_parse_is_refused_not_skipped() {
        let event = pack(&reg::EnterpriseConfirmed { enterprise: None });
        assert!(fact(Some(&event)).is_err());
        let unknown = Any {
            type_url: "type.googleapis.com/rectify.land.v1.DemolitionRecorded".into(),
            value: vec![],
        };
        assert!(matches!(fact(Some(&unknown)), Ok(Fact::Other)));
    }
}
