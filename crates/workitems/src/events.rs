//! The typed events a service puts on its own feed about its work items (declared in
//! `workitems.proto`): each carries the item after the change, without history and without
//! `overdue` (readers derive it with their own clock), and the step that changed it.

use rectify_kit::Error;
use rectify_kit::journal::NewChange;
use rectify_proto::workitems::v1 as pb;

use crate::domain::{TermField, Terms};
use crate::store::{ActionCode, Item, Step};

/// The item as feed events show it.
fn item(item: &Item) -> Option<pb::WorkItem> {
    Some(item.to_proto(None))
}

/// The terms as the API shows them.
pub fn terms(terms: &Terms) -> pb::Terms {
    pb::Terms {
        kind: terms.kind.clone(),
        title: terms.title.clone(),
        executor: terms.assignment.executor().to_owned(),
        cooperating: terms.cooperating.clone(),
        deadline: terms.deadline.to_string(),
        needs_verification: terms.assignment.needs_verification(),
        verifier: terms.assignment.verifier().unwrap_or_default().to_owned(),
    }
}

/// A new item from the plan.
pub fn created(created: &Item) -> NewChange {
    NewChange::new(
        created.name(),
        &pb::WorkItemCreated {
            work_item: item(created),
        },
    )
}

/// The plan changed the terms of an open item.
pub fn rescheduled(after: &Item, previous: &Terms, changed: &[TermField]) -> NewChange {
    NewChange::new(
        after.name(),
        &pb::WorkItemRescheduled {
            work_item: item(after),
            previous: Some(terms(previous)),
            changed: Some(prost_types::FieldMask {
                paths: changed
                    .iter()
                    .flat_map(|field| field.paths())
                    .map(|path| (*path).to_owned())
                    .collect(),
            }),
        },
    )
}

/// The item moved by `step`: started, completed, verified, rejected, blocked, unblocked,
/// waived, cancelled or restored.
pub fn moved(after: &Item, step: &Step) -> Result<NewChange, Error> {
    let action = step.action;
    let (resource, work_item, step) = (after.name(), item(after), Some(step.to_proto()));
    Ok(match action {
        ActionCode::Start => NewChange::new(resource, &pb::WorkItemStarted { work_item, step }),
        ActionCode::Complete => {
            NewChange::new(resource, &pb::WorkItemCompleted { work_item, step })
        }
        ActionCode::Verify => NewChange::new(resource, &pb::WorkItemVerified { work_item, step }),
        ActionCode::Reject => NewChange::new(resource, &pb::WorkItemRejected { work_item, step }),
        ActionCode::Block => NewChange::new(resource, &pb::WorkItemBlocked { work_item, step }),
        ActionCode::Unblock => NewChange::new(resource, &pb::WorkItemUnblocked { work_item, step }),
        ActionCode::Waive => NewChange::new(resource, &pb::WorkItemWaived { work_item, step }),
        ActionCode::Cancel => NewChange::new(resource, &pb::WorkItemCancelled { work_item, step }),
        ActionCode::Restore => NewChange::new(resource, &pb::WorkItemRestored { work_item, step }),
        ActionCode::Create | ActionCode::Reschedule => {
            return Err(Error::Internal(anyhow::anyhow!(
                "a creation or reschedule is recorded with its own event"
            )));
        }
    })
}
