//! The typed events land puts on its own feed (declared in `land.proto`), beside the work-item
//! events of the same call: each names the enterprise and its jurisdiction. No personal data:
//! parks, plots, areas and document references describe land, not people.

use rectify_kit::journal::NewChange;
use rectify_proto::land::v1 as pb;
use rectify_proto::workitems::v1::Evidence;
use rectify_workitems::store::{Item, enterprise_name};

use crate::store::record_name;
use crate::store::view::{DemolitionRow, FindingRow, PlotRow, RemediationRow};

/// A plot was recorded, completing `item`, backed by `evidence` as recorded.
pub fn plot(item: &Item, row: &PlotRow, evidence: Evidence) -> NewChange {
    NewChange::new(
        record_name(&item.enterprise_id),
        &pb::RelocationPlotRecorded {
            enterprise: enterprise_name(&item.enterprise_id),
            jurisdiction: item.jurisdiction.clone(),
            plot: Some(row.to_proto()),
            evidence: Some(evidence),
        },
    )
}

/// A demolition was recorded, completing `item`, backed by `evidence` as recorded.
pub fn demolition(item: &Item, row: &DemolitionRow, evidence: Evidence) -> NewChange {
    NewChange::new(
        record_name(&item.enterprise_id),
        &pb::DemolitionRecorded {
            enterprise: enterprise_name(&item.enterprise_id),
            jurisdiction: item.jurisdiction.clone(),
            demolition: Some(row.to_proto()),
            evidence: Some(evidence),
        },
    )
}

/// A remediation was recorded, completing `item`, backed by `evidence` as recorded.
pub fn remediation(item: &Item, row: &RemediationRow, evidence: Evidence) -> NewChange {
    NewChange::new(
        record_name(&item.enterprise_id),
        &pb::SiteRemediationRecorded {
            enterprise: enterprise_name(&item.enterprise_id),
            jurisdiction: item.jurisdiction.clone(),
            remediation: Some(row.to_proto()),
            evidence: Some(evidence),
        },
    )
}

/// A planning finding was recorded on the enterprise of `item`.
pub fn finding(item: &Item, row: &FindingRow) -> NewChange {
    NewChange::new(
        record_name(&item.enterprise_id),
        &pb::PlanningFindingRecorded {
            enterprise: enterprise_name(&item.enterprise_id),
            jurisdiction: item.jurisdiction.clone(),
            finding: Some(row.to_proto()),
        },
    )
}
