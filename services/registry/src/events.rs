//! The typed events the registry puts on its feed (declared in
//! registry.proto), built from the rows a write produced. Personal data stays
//! off the feed: no operator, no responsible person's phone.

use rectify_kit::journal::NewChange;
use rectify_proto::registry::v1 as pb;

use crate::convert;
use crate::store::commands::{OfficeAction, OfficeCommand};
use crate::store::rows::{EnterpriseRow, FindingRow, PlanRow};

/// The enterprise as the feed shows it.
pub fn enterprise(row: &EnterpriseRow) -> pb::Enterprise {
    pb::Enterprise {
        operator: None,
        ..convert::enterprise(row)
    }
}

/// The plan as the feed shows it.
pub fn plan(row: &PlanRow) -> pb::Plan {
    pb::Plan {
        responsible_phone: String::new(),
        ..convert::plan(row)
    }
}

/// A finding was reported onto `row`.
pub fn finding_reported(row: &EnterpriseRow, finding: &FindingRow, merged: bool) -> NewChange {
    let reported = convert::finding(finding);
    NewChange::new(
        convert::enterprise_name(&row.id),
        &pb::FindingReported {
            enterprise: Some(enterprise(row)),
            finding: reported.name,
            reporter: finding.reporter.clone(),
            source: reported.source,
            report_time: reported.report_time,
            merged,
            entered_by: finding.entered_by.clone(),
        },
    )
}

/// The office's move `command` left the enterprise as `row` with `plan`.
pub fn office_move(
    command: &OfficeCommand,
    row: &EnterpriseRow,
    plan: Option<&PlanRow>,
) -> NewChange {
    let resource = convert::enterprise_name(&row.id);
    let e = Some(enterprise(row));
    let p = plan.map(self::plan);
    match &command.action {
        OfficeAction::Confirm => {
            NewChange::new(resource, &pb::EnterpriseConfirmed { enterprise: e })
        }
        OfficeAction::Reject { reason } => NewChange::new(
            resource,
            &pb::EnterpriseRejected {
                enterprise: e,
                reason: reason.clone(),
            },
        ),
        OfficeAction::Classify { .. } => NewChange::new(
            resource,
            &pb::EnterpriseClassified {
                enterprise: e,
                plan: p,
            },
        ),
        OfficeAction::UpdatePlan(_) => NewChange::new(
            resource,
            &pb::PlanUpdated {
                enterprise: e,
                plan: p,
            },
        ),
        OfficeAction::Publish => NewChange::new(
            resource,
            &pb::PlanPublished {
                enterprise: e,
                plan: p,
            },
        ),
        OfficeAction::SignOff { note } => NewChange::new(
            resource,
            &pb::EnterpriseSignedOff {
                enterprise: e,
                note: note.clone(),
            },
        ),
        OfficeAction::Reopen { reason } => NewChange::new(
            resource,
            &pb::EnterpriseReopened {
                enterprise: e,
                plan: p,
                reason: reason.clone(),
            },
        ),
    }
}
