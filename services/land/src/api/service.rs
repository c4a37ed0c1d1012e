//! The `LandService` handlers.

use rectify_kit::auth::territory;
use rectify_kit::caller::principal;
use rectify_kit::context::Mutation;
use rectify_kit::dispatch;
use rectify_kit::dispatch_write;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, FieldViolation, Result};
use rectify_proto::land::v1 as pb;
use rectify_proto::land::v1::land_service_server::LandService;
use rectify_workitems::Bureau;
use rectify_workitems::domain::EvidenceRules;
use tonic::{Request, Response, Status};

use super::access;
use crate::domain::{PlanningFinding, Record};
use crate::store::{self, RecordAnswer};

/// The handlers of `LandService`.
#[derive(Clone, Debug)]
pub struct LandApi {
    journal: Journal,
    bureau: Bureau,
}

impl LandApi {
    /// Serves the land tables of `journal`'s database beside `bureau`'s work items.
    pub fn new(journal: Journal, bureau: Bureau) -> Self {
        Self { journal, bureau }
    }

    /// A `Record*` call that completes a work item: parsed with `parse`, then recorded in one
    /// write envelope, answered with the method's own message.
    async fn record<R: Mutation, A: RecordAnswer>(
        &self,
        request: Request<R>,
        method: &'static str,
        parse: fn(&R, EvidenceRules<'_>) -> Result<Record, Vec<FieldViolation>>,
    ) -> Result<Response<A>, Status> {
        let ctx = CallContext::of(&request, method)?;
        let now = self.bureau.now();
        let record = parse(request.get_ref(), self.bureau.evidence_rules(now))
            .map_err(Error::InvalidArgument)?;
        let answer = dispatch_write!(self.journal, store::sql => record(&ctx, &record, now))?;
        tracing::debug!(item = %record.work_item, "work item recorded");
        Ok(Response::new(answer))
    }
}

#[tonic::async_trait]
impl LandService for LandApi {
    #[tracing::instrument(skip_all, fields(enterprise = %request.get_ref().enterprise))]
    async fn record_planning_finding(
        &self,
        request: Request<pb::RecordPlanningFindingRequest>,
    ) -> Result<Response<pb::LandRecord>, Status> {
        let ctx = CallContext::of(&request, "RecordPlanningFinding")?;
        access::may_record_finding(&ctx.principal)?;
        let finding = PlanningFinding::parse(request.get_ref()).map_err(Error::InvalidArgument)?;
        let known = access::enterprise_item(&self.bureau.items, &finding.enterprise_id).await?;
        let answer = dispatch_write!(self.journal, store::sql => record_finding(&ctx, &finding, &known, self.bureau.now()))?;
        tracing::debug!(
            findings = answer.planning_findings.len(),
            "planning finding recorded"
        );
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_relocation_plot(
        &self,
        request: Request<pb::RecordRelocationPlotRequest>,
    ) -> Result<Response<pb::RecordRelocationPlotResponse>, Status> {
        self.record(request, "RecordRelocationPlot", Record::plot)
            .await
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_demolition(
        &self,
        request: Request<pb::RecordDemolitionRequest>,
    ) -> Result<Response<pb::RecordDemolitionResponse>, Status> {
        self.record(request, "RecordDemolition", Record::demolition)
            .await
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_site_remediation(
        &self,
        request: Request<pb::RecordSiteRemediationRequest>,
    ) -> Result<Response<pb::RecordSiteRemediationResponse>, Status> {
        self.record(request, "RecordSiteRemediation", Record::remediation)
            .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn get_land_record(
        &self,
        request: Request<pb::GetLandRecordRequest>,
    ) -> Result<Response<pb::LandRecord>, Status> {
        let caller = principal(&request)?;
        let name = request.get_ref().name.trim();
        let id = access::record_id(name)?;
        let record = dispatch!(self.journal.db(), store::sql => land_record(&id))?
            .ok_or_else(|| Error::not_found(("用地与场地记录", "land record"), name))?;
        territory::may_read(&caller, &record.header.jurisdiction, access::LAND_RECORDS)?;
        Ok(Response::new(record.to_proto()))
    }

    async fn list_land_records(
        &self,
        request: Request<pb::ListLandRecordsRequest>,
    ) -> Result<Response<pb::ListLandRecordsResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let filter = access::filter(&caller, r, &self.bureau.campaign)?;
        let page = Page::parse(r.page_size, &r.page_token, &filter.fingerprint())?;
        let records = dispatch!(self.journal.db(), store::sql => land_records(&filter, &page))?;
        let last = records.last().map(|r| r.header.enterprise_id.as_str());
        let next_page_token = page.next_token(records.len(), last);
        Ok(Response::new(pb::ListLandRecordsResponse {
            land_records: records.iter().map(|r| r.to_proto()).collect(),
            next_page_token,
        }))
    }
}
