//! The `UtilitiesService` handlers.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_kit::auth::territory;
use rectify_kit::caller::principal;
use rectify_kit::context::Mutation;
use rectify_kit::dispatch;
use rectify_kit::dispatch_write;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, FieldViolation, Result};
use rectify_proto::utilities::v1 as pb;
use rectify_proto::utilities::v1::utilities_service_server::UtilitiesService;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::Bureau;
use tonic::{Request, Response, Status};

use super::{access, list};
use crate::domain::{
    Clearing, MeterReadingSubmission, MeterTarget, ParseContext, PowerCut, ReconnectionReport,
    WaterCut, WellClosure,
};
use crate::store::{self, Record, StoredReconnection};

/// The handlers of `UtilitiesService`.
#[derive(Clone, Debug)]
pub struct UtilitiesApi {
    journal: Journal,
    bureau: Bureau,
}

impl UtilitiesApi {
    /// Serves the utilities tables and work items of `journal`'s database, checking requests
    /// against `campaign` and `clock`.
    pub fn new(journal: Journal, bureau: Bureau) -> Self {
        Self { journal, bureau }
    }

    /// What a request is parsed against at `now`, for work ordered on `ordered_on`.
    fn context(&self, now: DateTime<Utc>, ordered_on: NaiveDate) -> ParseContext<'_> {
        ParseContext {
            now,
            plan_published: ordered_on,
            bounds: Some(self.bureau.campaign.bounds()),
        }
    }

    /// A context for requests whose facts do not depend on when the work was ordered.
    fn report_context(&self, now: DateTime<Utc>) -> ParseContext<'_> {
        self.context(now, self.bureau.campaign.milestones().list_published)
    }

    /// A `Record*` call: parsed with `parse` against the named item's order date, then
    /// recorded in one write envelope, answered as `answer` builds it.
    async fn record<R: Mutation, A: prost::Message + Default>(
        &self,
        request: Request<R>,
        method: &'static str,
        work_item: fn(&R) -> &str,
        parse: fn(&R, ParseContext<'_>) -> Result<Record, Vec<FieldViolation>>,
        answer: fn(wpb::WorkItem, Option<pb::StandingOrder>) -> A,
    ) -> Result<Response<A>, Status> {
        let caller = principal(&request)?;
        let body = request.into_inner();
        let now = self.bureau.now();
        let ordered_on =
            access::ordered_on(&self.bureau.items, &self.bureau.campaign, work_item(&body)).await?;
        let record = parse(&body, self.context(now, ordered_on)).map_err(Error::InvalidArgument)?;
        let ctx = CallContext::new(caller, method, &body)?;
        let answer =
            dispatch_write!(self.journal, store::sql => record(&ctx, &record, now, answer))?;
        tracing::debug!(item = %record.work_item(), "work item recorded");
        Ok(Response::new(answer))
    }
}

#[tonic::async_trait]
impl UtilitiesService for UtilitiesApi {
    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_water_cut(
        &self,
        request: Request<pb::RecordWaterCutRequest>,
    ) -> Result<Response<pb::RecordWaterCutResponse>, Status> {
        self.record(
            request,
            "RecordWaterCut",
            |r| &r.work_item,
            |r, c| WaterCut::parse(r, c).map(Record::WaterCut),
            |work_item, order| pb::RecordWaterCutResponse {
                work_item: Some(work_item),
                standing_order: order,
            },
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_power_cut(
        &self,
        request: Request<pb::RecordPowerCutRequest>,
    ) -> Result<Response<pb::RecordPowerCutResponse>, Status> {
        self.record(
            request,
            "RecordPowerCut",
            |r| &r.work_item,
            |r, c| PowerCut::parse(r, c).map(Record::PowerCut),
            |work_item, order| pb::RecordPowerCutResponse {
                work_item: Some(work_item),
                standing_order: order,
            },
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn report_reconnection(
        &self,
        request: Request<pb::ReportReconnectionRequest>,
    ) -> Result<Response<pb::StandingOrder>, Status> {
        let caller = principal(&request)?;
        let body = request.into_inner();
        let now = self.bureau.now();
        let report = ReconnectionReport::parse(&body, self.report_context(now))
            .map_err(Error::InvalidArgument)?;
        let item = self.bureau.items.existing(report.work_item.id()).await?;
        access::may_report(&self.bureau.items, &caller, &item).await?;
        let ctx = CallContext::new(caller, "ReportReconnection", &body)?;
        let answer =
            dispatch_write!(self.journal, store::sql => report_reconnection(&ctx, &report, now))?;
        tracing::debug!(
            reconnections = answer.reconnections.len(),
            "reconnection reported"
        );
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all)]
    async fn submit_meter_reading(
        &self,
        request: Request<pb::SubmitMeterReadingRequest>,
    ) -> Result<Response<pb::SubmitMeterReadingResponse>, Status> {
        let caller = principal(&request)?;
        let body = request.into_inner();
        let now = self.bureau.now();
        let submission = MeterReadingSubmission::parse(&body, self.report_context(now))
            .map_err(Error::InvalidArgument)?;
        let id = match &submission.target {
            MeterTarget::WorkItem(name) => name.id().to_owned(),
            MeterTarget::Account(account) => {
                dispatch!(self.journal.db(), store::sql => account_item(account.as_str()))?
                    .ok_or_else(|| {
                        Error::not_found(
                            ("该户号的停供指令", "standing order of account"),
                            account.as_str(),
                        )
                    })?
            }
        };
        let item = self.bureau.items.existing(&id).await?;
        access::may_submit_reading(&caller, &item)?;
        let ctx = CallContext::new(caller, "SubmitMeterReading", &body)?;
        let answer = dispatch_write!(self.journal, store::sql => submit_reading(&ctx, &id, &submission, now))?;
        tracing::debug!(
            suspected = answer.rebound_suspected,
            "meter reading submitted"
        );
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_clearing(
        &self,
        request: Request<pb::RecordClearingRequest>,
    ) -> Result<Response<pb::RecordClearingResponse>, Status> {
        self.record(
            request,
            "RecordClearing",
            |r| &r.work_item,
            |r, c| Clearing::parse(r, c).map(Record::Clearing),
            |work_item, _| pb::RecordClearingResponse {
                work_item: Some(work_item),
            },
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(work_item = %request.get_ref().work_item))]
    async fn record_well_closure(
        &self,
        request: Request<pb::RecordWellClosureRequest>,
    ) -> Result<Response<pb::RecordWellClosureResponse>, Status> {
        self.record(
            request,
            "RecordWellClosure",
            |r| &r.work_item,
            |r, c| WellClosure::parse(r, c).map(Record::WellClosure),
            |work_item, _| pb::RecordWellClosureResponse {
                work_item: Some(work_item),
            },
        )
        .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn get_standing_order(
        &self,
        request: Request<pb::GetStandingOrderRequest>,
    ) -> Result<Response<pb::StandingOrder>, Status> {
        let caller = principal(&request)?;
        let name = request.get_ref().name.trim();
        let id = list::order_id(name)?;
        let (order, reconnections) = dispatch!(self.journal.db(), store::sql => order(&id))?
            .ok_or_else(|| Error::not_found(("停供指令", "standing order"), name))?;
        territory::may_read(&caller, &order.jurisdiction, list::STANDING_ORDERS)?;
        let reconnections = reconnections
            .iter()
            .map(StoredReconnection::to_proto)
            .collect();
        Ok(Response::new(order.to_proto(reconnections)))
    }

    async fn list_standing_orders(
        &self,
        request: Request<pb::ListStandingOrdersRequest>,
    ) -> Result<Response<pb::ListStandingOrdersResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let filter = list::filter(&caller, r, &self.bureau.campaign)?;
        let page = Page::parse(r.page_size, &r.page_token, &filter.fingerprint())?;
        let orders = dispatch!(self.journal.db(), store::sql => orders(&filter, &page))?;
        let last = orders.last().map(|o| crate::store::OrderKey {
            cut_at: o.cut_at,
            work_item_id: o.work_item_id.clone(),
        });
        let next_page_token =
            page.next_token(orders.len(), last.as_ref().map(|k| k.encode()).as_deref());
        Ok(Response::new(pb::ListStandingOrdersResponse {
            standing_orders: orders.iter().map(|o| o.to_proto(Vec::new())).collect(),
            next_page_token,
        }))
    }
}
