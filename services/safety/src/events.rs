//! The typed events safety puts on its own feed (declared in `safety.proto`), beside the
//! work-item events of the same call. No personal data: the inspectors' names stay here.

use rectify_kit::journal::NewChange;
use rectify_kit::parse::timestamp;
use rectify_proto::safety::v1 as pb;
use rectify_workitems::store::{Item, enterprise_name};

use crate::store::StoredHazard;

/// An inspection of `item` was recorded as `inspection` (as the API shows it); the enterprise
/// has `open_major` unfixed major hazards after it.
pub fn inspection_recorded(item: &Item, inspection: &pb::Inspection, open_major: i64) -> NewChange {
    NewChange::new(
        inspection.name.clone(),
        &pb::InspectionRecorded {
            enterprise: enterprise_name(&item.enterprise_id),
            jurisdiction: item.jurisdiction.clone(),
            work_item: item.name(),
            inspection: inspection.name.clone(),
            inspect_time: inspection.inspect_time,
            hazards: inspection
                .hazards
                .iter()
                .map(|h| pb::Hazard {
                    name: h.name.clone(),
                    level: h.level,
                    description: h.description.clone(),
                    fix_deadline: h.fix_deadline.clone(),
                    ..Default::default()
                })
                .collect(),
            open_major_hazards: i32::try_from(open_major).unwrap_or(i32::MAX),
        },
    )
}

/// `hazard` (now fixed, as `fixed` shows it) of `item` was fixed; `open_major` remain.
pub fn hazard_fixed(
    item: &Item,
    hazard: &StoredHazard,
    fixed: &pb::Hazard,
    open_major: i64,
) -> NewChange {
    NewChange::new(
        hazard.name(),
        &pb::HazardFixed {
            enterprise: enterprise_name(&item.enterprise_id),
            jurisdiction: item.jurisdiction.clone(),
            work_item: item.name(),
            hazard: hazard.name(),
            level: hazard.level.to_proto() as i32,
            fix_time: hazard.fixed_at.map(timestamp),
            evidence: fixed.fix_evidence.clone(),
            open_major_hazards: i32::try_from(open_major).unwrap_or(i32::MAX),
        },
    )
}
