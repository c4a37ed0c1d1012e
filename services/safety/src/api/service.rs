//! The `SafetyService` handlers.

use rectify_kit::Error;
use rectify_kit::auth::territory;
use rectify_kit::dispatch;
use rectify_kit::dispatch_write;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_proto::safety::v1 as pb;
use rectify_proto::safety::v1::safety_service_server::SafetyService;
use rectify_workitems::Bureau;

use super::list;
use crate::domain::names::inspection_id;
use crate::domain::{HazardFix, InspectionRecord};
use crate::store::{self, HazardKey};

/// The handlers of `SafetyService`.
#[derive(Clone, Debug)]
pub struct SafetyApi {
    journal: Journal,
    bureau: Bureau,
}

impl SafetyApi {
    /// Serves the safety tables and work items of `journal`'s database, checking requests
    /// against `campaign` and `clock`.
    pub fn new(journal: Journal, bureau: Bureau) -> Self {
        Self { journal, bureau }
    }
}

rectify_kit::handlers! {
    impl SafetyService for SafetyApi;

    #[traced(work_item)]
    fn record_inspection(&self, caller, body: pb::RecordInspectionRequest)
        -> pb::RecordInspectionResponse
    {
        let (ctx, record, now) =
            self.bureau.recording(caller, "RecordInspection", &body, InspectionRecord::parse)?;
        let answer =
            dispatch_write!(self.journal, store::sql => record_inspection(&ctx, &record, now))?;
        tracing::debug!(hazards = record.hazards.len(), "inspection recorded");
        Ok(answer)
    }

    #[traced(hazard)]
    fn record_hazard_fix(&self, caller, body: pb::RecordHazardFixRequest)
        -> pb::RecordHazardFixResponse
    {
        let (ctx, fix, now) =
            self.bureau.recording(caller, "RecordHazardFix", &body, HazardFix::parse)?;
        let answer = dispatch_write!(self.journal, store::sql => record_fix(&ctx, &fix, now))?;
        tracing::debug!("hazard fix recorded");
        Ok(answer)
    }

    #[traced(name)]
    fn get_inspection(&self, caller, body: pb::GetInspectionRequest) -> pb::Inspection {
        let name = body.name.trim();
        let id = inspection_id(name, "name")?;
        let (inspection, hazards) = dispatch!(self.journal.db(), store::sql => inspection(&id))?
            .ok_or_else(|| Error::not_found(("安全检查", "inspection"), name))?;
        territory::may_read(&caller, &inspection.jurisdiction, list::INSPECTIONS)?;
        Ok(inspection.to_proto(&hazards)?)
    }

    fn list_inspections(&self, caller, body: pb::ListInspectionsRequest)
        -> pb::ListInspectionsResponse
    {
        let filter = list::inspections(&caller, &body, &self.bureau.campaign)?;
        let page = Page::parse(body.page_size, &body.page_token, &filter.fingerprint())?;
        let rows = dispatch!(self.journal.db(), store::sql => inspections(&filter, &page))?;
        let last = rows.last().map(|(i, _)| i.id.clone());
        Ok(pb::ListInspectionsResponse {
            next_page_token: page.next_token(rows.len(), last.as_deref()),
            inspections: rows
                .iter()
                .map(|(inspection, hazards)| inspection.to_proto(hazards))
                .collect::<Result<_, _>>()?,
        })
    }

    fn list_hazards(&self, caller, body: pb::ListHazardsRequest) -> pb::ListHazardsResponse {
        let filter = list::hazards(&caller, &body, &self.bureau.campaign)?;
        let page = Page::parse(body.page_size, &body.page_token, &filter.fingerprint())?;
        let rows = dispatch!(self.journal.db(), store::sql => hazards(&filter, &page))?;
        let last = rows.last().map(|h| {
            HazardKey {
                inspection_id: h.inspection_id.clone(),
                position: h.position,
            }
            .encode()
        });
        Ok(pb::ListHazardsResponse {
            next_page_token: page.next_token(rows.len(), last.as_deref()),
            hazards: rows.iter().map(|h| h.to_proto()).collect::<Result<_, _>>()?,
        })
    }
}
