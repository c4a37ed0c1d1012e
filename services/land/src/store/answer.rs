//! What a `Record*` method answers: the item it completed and the enterprise's land record after
//! it, each method in its own message. The write envelope stores the answer for retries, so the
//! transaction script builds it.

use rectify_proto::land::v1 as pb;
use rectify_proto::workitems::v1 as wpb;

/// The answer of a `Record*` method, built from the completed item and the land record.
pub trait RecordAnswer: prost::Message + Default {
    fn of(work_item: wpb::WorkItem, land_record: pb::LandRecord) -> Self;
}

impl RecordAnswer for pb::RecordRelocationPlotResponse {
    fn of(work_item: wpb::WorkItem, land_record: pb::LandRecord) -> Self {
        Self {
            work_item: Some(work_item),
            land_record: Some(land_record),
        }
    }
}

impl RecordAnswer for pb::RecordDemolitionResponse {
    fn of(work_item: wpb::WorkItem, land_record: pb::LandRecord) -> Self {
        Self {
            work_item: Some(work_item),
            land_record: Some(land_record),
        }
    }
}

impl RecordAnswer for pb::RecordSiteRemediationResponse {
    fn of(work_item: wpb::WorkItem, land_record: pb::LandRecord) -> Self {
        Self {
            work_item: Some(work_item),
            land_record: Some(land_record),
        }
    }
}
