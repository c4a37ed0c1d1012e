//! The typed events the environment service puts on its own feed (declared in
//! `environment.proto`), beside the work-item events of the same call. No personal data: each
//! names the enterprise, its jurisdiction, the work item and the facts recorded.

use rectify_kit::journal::NewChange;
use rectify_proto::environment::v1 as pb;

/// A monitoring was recorded.
pub fn measured(monitoring: &pb::DischargeMonitoring) -> NewChange {
    NewChange::new(
        monitoring.name.clone(),
        &pb::DischargeMeasured {
            monitoring: Some(monitoring.clone()),
        },
    )
}

/// An outlet check was recorded.
pub fn outlet_checked(check: &pb::SewageOutletCheck) -> NewChange {
    NewChange::new(
        check.name.clone(),
        &pb::SewageOutletChecked {
            check: Some(check.clone()),
        },
    )
}

/// A patrol was recorded.
pub fn patrolled(patrol: &pb::Patrol) -> NewChange {
    NewChange::new(
        patrol.name.clone(),
        &pb::PatrolRecorded {
            patrol: Some(patrol.clone()),
        },
    )
}

/// A patrol found the closed workshop running.
pub fn rebound(patrol: &pb::Patrol) -> NewChange {
    NewChange::new(
        patrol.enterprise.clone(),
        &pb::ReboundFound {
            enterprise: patrol.enterprise.clone(),
            jurisdiction: patrol.jurisdiction.clone(),
            patrol: patrol.name.clone(),
            patrol_time: patrol.patrol_time,
        },
    )
}
