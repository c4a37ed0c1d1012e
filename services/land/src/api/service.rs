//! The `LandService` handlers.

use rectify_kit::auth::{Principal, territory};
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
        caller: Principal,
        body: R,
        method: &'static str,
        parse: fn(&R, EvidenceRules<'_>) -> Result<Record, Vec<FieldViolation>>,
    ) -> Result<A> {
        let (ctx, record, now) = self.bureau.recording(caller, method, &body, parse)?;
        let answer = dispatch_write!(self.journal, store::sql => record(&ctx, &record, now))?;
        tracing::debug!(item = %record.work_item, "work item recorded");
        Ok(answer)
    }
}

rectify_kit::handlers! {
    impl LandService for LandApi;

    #[traced(enterprise)]
    fn record_planning_finding(&self, caller, body: pb::RecordPlanningFindingRequest)
        -> pb::LandRecord
    {
        let ctx = CallContext::new(caller, "RecordPlanningFinding", &body)?;
        access::may_record_finding(&ctx.principal)?;
        let finding = PlanningFinding::parse(&body).map_err(Error::InvalidArgument)?;
        let known = access::enterprise_item(&self.bureau.items, &finding.enterprise_id).await?;
        let answer = dispatch_write!(
            self.journal,
            store::sql => record_finding(&ctx, &finding, &known, self.bureau.now())
        )?;
        tracing::debug!(findings = answer.planning_findings.len(), "planning finding recorded");
        Ok(answer)
    }

    #[traced(work_item)]
    fn record_relocation_plot(&self, caller, body: pb::RecordRelocationPlotRequest)
        -> pb::RecordRelocationPlotResponse
    {
        Ok(self.record(caller, body, "RecordRelocationPlot", Record::plot).await?)
    }

    #[traced(work_item)]
    fn record_demolition(&self, caller, body: pb::RecordDemolitionRequest)
        -> pb::RecordDemolitionResponse
    {
        Ok(self.record(caller, body, "RecordDemolition", Record::demolition).await?)
    }

    #[traced(work_item)]
    fn record_site_remediation(&self, caller, body: pb::RecordSiteRemediationRequest)
        -> pb::RecordSiteRemediationResponse
    {
        Ok(self.record(caller, body, "RecordSiteRemediation", Record::remediation).await?)
    }

    #[traced(name)]
    fn get_land_record(&self, caller, body: pb::GetLandRecordRequest) -> pb::LandRecord {
        let name = body.name.trim();
        let id = store::record_id(name)?;
        let record = dispatch!(self.journal.db(), store::sql => land_record(&id))?
            .ok_or_else(|| Error::not_found(("用地与场地记录", "land record"), name))?;
        territory::may_read(&caller, &record.header.jurisdiction, access::LAND_RECORDS)?;
        Ok(record.to_proto())
    }

    fn list_land_records(&self, caller, body: pb::ListLandRecordsRequest)
        -> pb::ListLandRecordsResponse
    {
        let filter = access::filter(&caller, &body, &self.bureau.campaign)?;
        let page = Page::parse(body.page_size, &body.page_token, &filter.fingerprint())?;
        let records = dispatch!(self.journal.db(), store::sql => land_records(&filter, &page))?;
        let last = records.last().map(|r| r.header.enterprise_id.as_str());
        Ok(pb::ListLandRecordsResponse {
            next_page_token: page.next_token(records.len(), last),
            land_records: records.iter().map(|r| r.to_proto()).collect(),
        })
    }
}
