//! The `WorkItemService` handlers.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rectify_campaign::{Campaign, ServiceName};
use rectify_kit::auth::territory;
use rectify_kit::caller::principal;
use rectify_kit::clock::Clock;
use rectify_kit::context::Mutation;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, FieldViolation, Result};
use rectify_proto::workitems::v1 as pb;
use rectify_proto::workitems::v1::work_item_service_server::WorkItemService;
use tonic::{Request, Response, Status};

use super::list::{self, WORK_ITEMS};
use crate::domain::{Command, EvidenceRules, WorkItemName};
use crate::store::{Store, item_name, stored_now};

/// The handlers of one service's `WorkItemService`.
#[derive(Clone, Debug)]
pub struct WorkItemApi {
    store: Store,
    service: ServiceName,
    campaign: Arc<Campaign>,
    clock: Clock,
    recorded_through: &'static [&'static str],
}

impl WorkItemApi {
    /// Serves the items of `service` in `store`, checking evidence against `campaign`'s area and
    /// `clock`; `CompleteWorkItem` refuses the kinds in `recorded_through`, which the service
    /// completes through its own methods.
    pub fn new(
        store: Store,
        service: ServiceName,
        campaign: Arc<Campaign>,
        clock: Clock,
        recorded_through: &'static [&'static str],
    ) -> Self {
        Self {
            store,
            service,
            campaign,
            clock,
            recorded_through,
        }
    }

    /// Parses `request` with `parse`, then moves the item in the write envelope.
    async fn move_item<R: Mutation>(
        &self,
        request: Request<R>,
        method: &'static str,
        parse: impl FnOnce(&R, EvidenceRules<'_>) -> Result<Command, Vec<FieldViolation>>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        let caller = principal(&request)?;
        let body = request.into_inner();
        let now = self.now();
        let rules = EvidenceRules {
            now,
            bounds: Some(self.campaign.bounds()),
        };
        let command = parse(&body, rules).map_err(Error::InvalidArgument)?;
        let ctx = CallContext::new(caller, method, &body)?;
        let answer = self
            .store
            .move_item(&ctx, &command, self.recorded_through, now)
            .await?;
        tracing::debug!(item = %command.name, state = answer.state, "work item moved");
        Ok(Response::new(answer))
    }

    fn now(&self) -> DateTime<Utc> {
        stored_now(&self.clock)
    }
}

#[tonic::async_trait]
impl WorkItemService for WorkItemApi {
    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn get_work_item(
        &self,
        request: Request<pb::GetWorkItemRequest>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        let caller = principal(&request)?;
        let name = WorkItemName::parse(&request.get_ref().name)
            .map_err(|e| Error::invalid("name", e.to_string()))?;
        let (item, history) =
            self.store.item(name.id()).await?.ok_or_else(|| {
                Error::not_found(("工作事项", "work item"), &item_name(name.id()))
            })?;
        territory::may_read(&caller, &item.jurisdiction, WORK_ITEMS)?;
        let mut answer = item.to_proto(Some(self.now()));
        answer.history = history;
        Ok(Response::new(answer))
    }

    async fn list_work_items(
        &self,
        request: Request<pb::ListWorkItemsRequest>,
    ) -> Result<Response<pb::ListWorkItemsResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let now = self.now();
        let filter = list::filter(
            &caller,
            r,
            &self.campaign,
            self.service,
            rectify_kit::clock::date_cst(now),
        )?;
        let page = Page::parse(r.page_size, &r.page_token, &filter.fingerprint())?;
        let items = self.store.items(&filter, &page).await?;
        let next_page_token = page.next_token(items.len(), items.last().map(|i| i.id.as_str()));
        Ok(Response::new(pb::ListWorkItemsResponse {
            work_items: items.iter().map(|i| i.to_proto(Some(now))).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn start_work_item(
        &self,
        request: Request<pb::StartWorkItemRequest>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        self.move_item(request, "StartWorkItem", |r, _| Command::start(r))
            .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn complete_work_item(
        &self,
        request: Request<pb::CompleteWorkItemRequest>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        self.move_item(request, "CompleteWorkItem", Command::complete)
            .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn verify_work_item(
        &self,
        request: Request<pb::VerifyWorkItemRequest>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        self.move_item(request, "VerifyWorkItem", Command::verify)
            .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn reject_work_item(
        &self,
        request: Request<pb::RejectWorkItemRequest>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        self.move_item(request, "RejectWorkItem", Command::reject)
            .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn block_work_item(
        &self,
        request: Request<pb::BlockWorkItemRequest>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        self.move_item(request, "BlockWorkItem", Command::block)
            .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn unblock_work_item(
        &self,
        request: Request<pb::UnblockWorkItemRequest>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        self.move_item(request, "UnblockWorkItem", |r, _| Command::unblock(r))
            .await
    }

    #[tracing::instrument(skip_all, fields(name = %request.get_ref().name))]
    async fn waive_work_item(
        &self,
        request: Request<pb::WaiveWorkItemRequest>,
    ) -> Result<Response<pb::WorkItem>, Status> {
        self.move_item(request, "WaiveWorkItem", |r, _| Command::waive(r))
            .await
    }
}
