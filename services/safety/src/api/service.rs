//! The `SafetyService` handlers.

use rectify_kit::auth::territory;
use rectify_kit::caller::principal;
use rectify_kit::dispatch;
use rectify_kit::dispatch_write;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error};
use rectify_proto::safety::v1 as pb;
use rectify_proto::safety::v1::safety_service_server::SafetyService;
use rectify_workitems::Bureau;
use tonic::{Request, Response, Status};

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

#[tonic::async_trait]
impl SafetyService for SafetyApi {
    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_inspection(
        &self,
        request: Request<pb::RecordInspectionRequest>,
    ) -> Result<Response<pb::RecordInspectionResponse>, Status> {
        let ctx = CallContext::of(&request, "RecordInspection")?;
        let now = self.bureau.now();
        let context = self.bureau.evidence_rules(now);
        let record =
            InspectionRecord::parse(request.get_ref(), context).map_err(Error::InvalidArgument)?;
        let answer =
            dispatch_write!(self.journal, store::sql => record_inspection(&ctx, &record, now))?;
        tracing::debug!(hazards = record.hazards.len(), "inspection recorded");
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all, fields(hazard = %request.get_ref().hazard))]
    async fn record_hazard_fix(
        &self,
        request: Request<pb::RecordHazardFixRequest>,
    ) -> Result<Response<pb::RecordHazardFixResponse>, Status> {
        let ctx = CallContext::of(&request, "RecordHazardFix")?;
        let now = self.bureau.now();
        let context = self.bureau.evidence_rules(now);
        let fix = HazardFix::parse(request.get_ref(), context).map_err(Error::InvalidArgument)?;
        let answer = dispatch_write!(self.journal, store::sql => record_fix(&ctx, &fix, now))?;
        tracing::debug!("hazard fix recorded");
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn get_inspection(
        &self,
        request: Request<pb::GetInspectionRequest>,
    ) -> Result<Response<pb::Inspection>, Status> {
        let caller = principal(&request)?;
        let name = request.get_ref().name.trim();
        let id = inspection_id(name, "name")?;
        let (inspection, hazards) = dispatch!(self.journal.db(), store::sql => inspection(&id))?
            .ok_or_else(|| Error::not_found(("安全检查", "inspection"), name))?;
        territory::may_read(&caller, &inspection.jurisdiction, list::INSPECTIONS)?;
        Ok(Response::new(inspection.to_proto(&hazards)?))
    }

    async fn list_inspections(
        &self,
        request: Request<pb::ListInspectionsRequest>,
    ) -> Result<Response<pb::ListInspectionsResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let filter = list::inspections(&caller, r, &self.bureau.campaign)?;
        let page = Page::parse(r.page_size, &r.page_token, &filter.fingerprint())?;
        let rows = dispatch!(self.journal.db(), store::sql => inspections(&filter, &page))?;
        let last = rows.last().map(|(i, _)| i.id.clone());
        let next_page_token = page.next_token(rows.len(), last.as_deref());
        let inspections = rows
            .iter()
            .map(|(inspection, hazards)| inspection.to_proto(hazards))
            .collect::<Result<_, _>>()?;
        Ok(Response::new(pb::ListInspectionsResponse {
            inspections,
            next_page_token,
        }))
    }

    async fn list_hazards(
        &self,
        request: Request<pb::ListHazardsRequest>,
    ) -> Result<Response<pb::ListHazardsResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let filter = list::hazards(&caller, r, &self.bureau.campaign)?;
        let page = Page::parse(r.page_size, &r.page_token, &filter.fingerprint())?;
        let rows = dispatch!(self.journal.db(), store::sql => hazards(&filter, &page))?;
        let last = rows.last().map(|h| {
            HazardKey {
                inspection_id: h.inspection_id.clone(),
                position: h.position,
            }
            .encode()
        });
        let next_page_token = page.next_token(rows.len(), last.as_deref());
        let hazards = rows
            .iter()
            .map(|h| h.to_proto())
            .collect::<Result<_, _>>()?;
        Ok(Response::new(pb::ListHazardsResponse {
            hazards,
            next_page_token,
        }))
    }
}
