//! The `UtilitiesService` handlers.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_kit::auth::{Principal, territory};
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
        caller: Principal,
        body: R,
        method: &'static str,
        work_item: fn(&R) -> &str,
        parse: fn(&R, ParseContext<'_>) -> Result<Record, Vec<FieldViolation>>,
        answer: fn(wpb::WorkItem, Option<pb::StandingOrder>) -> A,
    ) -> Result<A> {
        let now = self.bureau.now();
        let ordered_on =
            access::ordered_on(&self.bureau.items, &self.bureau.campaign, work_item(&body)).await?;
        let record = parse(&body, self.context(now, ordered_on)).map_err(Error::InvalidArgument)?;
        let ctx = CallContext::new(caller, method, &body)?;
        let answer =
            dispatch_write!(self.journal, store::sql => record(&ctx, &record, now, answer))?;
        tracing::debug!(item = %record.work_item(), "work item recorded");
        Ok(answer)
    }
}

rectify_kit::handlers! {
    impl UtilitiesService for UtilitiesApi;

    #[traced(work_item)]
    fn record_water_cut(&self, caller, body: pb::RecordWaterCutRequest)
        -> pb::RecordWaterCutResponse
    {
        let answer = self.record(
            caller,
            body,
            "RecordWaterCut",
            |r| &r.work_item,
            |r, c| WaterCut::parse(r, c).map(Record::WaterCut),
            |work_item, order| pb::RecordWaterCutResponse {
                work_item: Some(work_item),
                standing_order: order,
            },
        );
        Ok(answer.await?)
    }

    #[traced(work_item)]
    fn record_power_cut(&self, caller, body: pb::RecordPowerCutRequest)
        -> pb::RecordPowerCutResponse
    {
        let answer = self.record(
            caller,
            body,
            "RecordPowerCut",
            |r| &r.work_item,
            |r, c| PowerCut::parse(r, c).map(Record::PowerCut),
            |work_item, order| pb::RecordPowerCutResponse {
                work_item: Some(work_item),
                standing_order: order,
            },
        );
        Ok(answer.await?)
    }

    #[traced(work_item)]
    fn report_reconnection(&self, caller, body: pb::ReportReconnectionRequest)
        -> pb::StandingOrder
    {
        let now = self.bureau.now();
        let report = ReconnectionReport::parse(&body, self.report_context(now))
            .map_err(Error::InvalidArgument)?;
        let item = self.bureau.items.existing(report.work_item.id()).await?;
        access::may_report(&self.bureau.items, &caller, &item).await?;
        let ctx = CallContext::new(caller, "ReportReconnection", &body)?;
        let answer =
            dispatch_write!(self.journal, store::sql => report_reconnection(&ctx, &report, now))?;
        tracing::debug!(reconnections = answer.reconnections.len(), "reconnection reported");
        Ok(answer)
    }

    #[traced()]
    fn submit_meter_reading(&self, caller, body: pb::SubmitMeterReadingRequest)
        -> pb::SubmitMeterReadingResponse
    {
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
        let answer = dispatch_write!(
            self.journal,
            store::sql => submit_reading(&ctx, &id, &submission, now)
        )?;
        tracing::debug!(suspected = answer.rebound_suspected, "meter reading submitted");
        Ok(answer)
    }

    #[traced(work_item)]
    fn record_clearing(&self, caller, body: pb::RecordClearingRequest)
        -> pb::RecordClearingResponse
    {
        let answer = self.record(
            caller,
            body,
            "RecordClearing",
            |r| &r.work_item,
            |r, c| Clearing::parse(r, c).map(Record::Clearing),
            |work_item, _| pb::RecordClearingResponse {
                work_item: Some(work_item),
            },
        );
        Ok(answer.await?)
    }

    #[traced(work_item)]
    fn record_well_closure(&self, caller, body: pb::RecordWellClosureRequest)
        -> pb::RecordWellClosureResponse
    {
        let answer = self.record(
            caller,
            body,
            "RecordWellClosure",
            |r| &r.work_item,
            |r, c| WellClosure::parse(r, c).map(Record::WellClosure),
            |work_item, _| pb::RecordWellClosureResponse {
                work_item: Some(work_item),
            },
        );
        Ok(answer.await?)
    }

    #[traced(name)]
    fn get_standing_order(&self, caller, body: pb::GetStandingOrderRequest) -> pb::StandingOrder {
        let name = body.name.trim();
        let id = list::order_id(name)?;
        let (order, reconnections) = dispatch!(self.journal.db(), store::sql => order(&id))?
            .ok_or_else(|| Error::not_found(("停供指令", "standing order"), name))?;
        territory::may_read(&caller, &order.jurisdiction, list::STANDING_ORDERS)?;
        let reconnections = reconnections
            .iter()
            .map(StoredReconnection::to_proto)
            .collect();
        Ok(order.to_proto(reconnections))
    }

    fn list_standing_orders(&self, caller, body: pb::ListStandingOrdersRequest)
        -> pb::ListStandingOrdersResponse
    {
        let filter = list::filter(&caller, &body, &self.bureau.campaign)?;
        let page = Page::parse(body.page_size, &body.page_token, &filter.fingerprint())?;
        let orders = dispatch!(self.journal.db(), store::sql => orders(&filter, &page))?;
        let last = orders.last().map(|o| crate::store::OrderKey {
            cut_at: o.cut_at,
            work_item_id: o.work_item_id.clone(),
        });
        let last = last.as_ref().map(|k| k.encode());
        Ok(pb::ListStandingOrdersResponse {
            next_page_token: page.next_token(orders.len(), last.as_deref()),
            standing_orders: orders.iter().map(|o| o.to_proto(Vec::new())).collect(),
        })
    }
}
