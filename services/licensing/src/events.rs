//! The typed events licensing puts on its own feed (declared in `licensing.proto`), beside the
//! work-item events of the same call. No personal data: permit and decision numbers identify a
//! document, not a person.

use rectify_kit::journal::NewChange;
use rectify_proto::licensing::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::store::{Item, enterprise_name};

use crate::domain::{Outcome, RevocationRecord, Status};
use crate::store::Enterprise;

/// `approval` of `enterprise` was recorded; it stood at `previous` (`None`: nothing recorded).
pub fn approval_changed(
    enterprise: &Enterprise,
    approval: pb::Approval,
    previous: Option<Status>,
) -> NewChange {
    NewChange::new(
        approval.name.clone(),
        &pb::ApprovalChanged {
            enterprise: enterprise_name(&enterprise.id),
            jurisdiction: enterprise.jurisdiction.clone(),
            approval: Some(approval),
            previous_status: previous.map_or(pb::ApprovalStatus::Unknown, Status::to_proto) as i32,
        },
    )
}

/// The revocation `record` completed `item`, backed by `evidence` as recorded.
pub fn revocation(item: &Item, record: &RevocationRecord, evidence: wpb::Evidence) -> NewChange {
    let (enterprise, jurisdiction, work_item) = (
        enterprise_name(&item.enterprise_id),
        item.jurisdiction.clone(),
        item.name(),
    );
    let (decision_number, decided_on) = (
        record.decision_number.clone(),
        record.decided_on.to_string(),
    );
    let evidence = Some(evidence);
    match record.outcome {
        Outcome::LicenceRevoked | Outcome::RegistrationChanged => {
            let outcome = if record.outcome == Outcome::LicenceRevoked {
                pb::LicenceOutcome::Revoked
            } else {
                pb::LicenceOutcome::RegistrationChanged
            };
            NewChange::new(
                item.name(),
                &pb::LicenceRevocationRecorded {
                    enterprise,
                    jurisdiction,
                    work_item,
                    outcome: outcome as i32,
                    decision_number,
                    decided_on,
                    evidence,
                },
            )
        }
        Outcome::WaterPermitRevoked => NewChange::new(
            item.name(),
            &pb::WaterPermitRevocationRecorded {
                enterprise,
                jurisdiction,
                work_item,
                decision_number,
                decided_on,
                evidence,
            },
        ),
    }
}
