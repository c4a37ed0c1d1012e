//! `rectify.coordinator.v1.CoordinatorService`: each call checks who is asking
//! ([`access`](super::access)), parses the request ([`request`](super::request)), reads the
//! projection ([`Store`]) and answers.

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::Arc;

use chrono::NaiveDate;
use futures::Stream;
use rectify_campaign::Campaign;
use rectify_kit::caller::principal;
use rectify_kit::clock::Clock;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, Result, text};
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::coordinator::v1::coordinator_service_server::CoordinatorService;
use tonic::{Request, Response, Status};

use super::access::{self, Reader};
use super::{convert, request, summary, watch};
use crate::domain::metrics::{ALL, BUREAU, CATEGORY, Figures, JURISDICTION};
use crate::follow::Changes;
use crate::store::{EnterpriseFilter, Store};
use rectify_kit::peer::Peer;

/// The coordinator's gRPC API.
#[derive(Clone, Debug)]
pub struct CoordinatorApi {
    pub(crate) store: Store,
    journal: Journal,
    pub(crate) campaign: Arc<Campaign>,
    pub(crate) clock: Clock,
    registry: Option<Peer>,
    pub(crate) changes: Changes,
}

/// Which counters a summary of one reader reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryScope {
    pub dimension: pb::Dimension,
    pub scope: &'static str,
    pub key: String,
}

impl SummaryScope {
    /// What `GetSummary` and `WatchProgress` show `reader`.
    pub fn of(reader: Reader) -> Self {
        match reader {
            Reader::Everything => Self {
                dimension: pb::Dimension::Overall,
                scope: ALL,
                key: String::new(),
            },
            Reader::Jurisdiction(key) => Self {
                dimension: pb::Dimension::Jurisdiction,
                scope: JURISDICTION,
                key,
            },
            Reader::Bureau(key) => Self {
                dimension: pb::Dimension::Bureau,
                scope: BUREAU,
                key,
            },
        }
    }
}

type WatchStream = Pin<Box<dyn Stream<Item = Result<pb::Summary, Status>> + Send>>;

impl CoordinatorApi {
    pub fn new(
        store: Store,
        journal: Journal,
        campaign: Arc<Campaign>,
        clock: Clock,
        registry: Option<Peer>,
        changes: Changes,
    ) -> Self {
        Self {
            store,
            journal,
            campaign,
            clock,
            registry,
            changes,
        }
    }

    fn today(&self) -> NaiveDate {
        self.clock.today_cst()
    }

    /// The summary of one scope key, now.
    pub(crate) async fn summary_of(&self, s: &SummaryScope) -> Result<pb::Summary> {
        let rows = self.store.counters(s.scope, Some(&s.key)).await?;
        let figures = summary::by_key(rows).remove(&s.key).unwrap_or_default();
        Ok(summary::summary(
            s.dimension,
            &s.key,
            &figures,
            self.today(),
            self.clock.now(),
        ))
    }

    /// Every key's summary of `dimension`; every jurisdiction of the campaign and the three
    /// categories are listed even with nothing counted.
    async fn summaries(&self, dimension: pb::Dimension) -> Result<Vec<pb::Summary>> {
        let (scope, always): (&str, Vec<String>) = match dimension {
            pb::Dimension::Jurisdiction => (
                JURISDICTION,
                self.campaign
                    .jurisdictions()
                    .map(|p| p.code.clone())
                    .collect(),
            ),
            pb::Dimension::Category => (
                CATEGORY,
                ["upgrade", "relocate", "close"].map(str::to_owned).to_vec(),
            ),
            pb::Dimension::Bureau => (BUREAU, Vec::new()),
            pb::Dimension::Overall | pb::Dimension::Unspecified => (ALL, vec![String::new()]),
        };
        let mut by_key: BTreeMap<String, Figures> =
            summary::by_key(self.store.counters(scope, None).await?);
        for key in always {
            by_key.entry(key).or_default();
        }
        let (today, now) = (self.today(), self.clock.now());
        Ok(by_key
            .iter()
            .filter(|(key, _)| scope != JURISDICTION || self.campaign.is_jurisdiction(key))
            .map(|(key, f)| summary::summary(dimension, key, f, today, now))
            .collect())
    }

    async fn enterprise_page(
        &self,
        filter: &EnterpriseFilter,
        page: &Page,
    ) -> Result<(Vec<pb::EnterpriseProgress>, String)> {
        let rows = self
            .store
            .enterprises(filter, &page.after, page.size)
            .await?;
        let today = self.today();
        let next = page.next_token(rows.len(), rows.last().map(|r| r.id.as_str()));
        let list = rows
            .iter()
            .map(|e| convert::progress(e, today, &[], Vec::new()))
            .collect::<Result<_>>()?;
        Ok((list, next))
    }
}

#[tonic::async_trait]
impl CoordinatorService for CoordinatorApi {
    type WatchProgressStream = WatchStream;

    #[tracing::instrument(skip_all)]
    async fn get_summary(
        &self,
        request: Request<pb::GetSummaryRequest>,
    ) -> Result<Response<pb::Summary>, Status> {
        let caller = principal(&request)?;
        let scope = SummaryScope::of(access::reader(&caller)?);
        Ok(Response::new(self.summary_of(&scope).await?))
    }

    #[tracing::instrument(skip_all)]
    async fn list_summaries(
        &self,
        request: Request<pb::ListSummariesRequest>,
    ) -> Result<Response<pb::ListSummariesResponse>, Status> {
        let caller = principal(&request)?;
        let reader = access::reader(&caller)?;
        let dimension = request::dimension(request.get_ref().dimension)?;
        let own = match (&reader, dimension) {
            (Reader::Everything, _) => None,
            (Reader::Jurisdiction(own), pb::Dimension::Jurisdiction)
            | (Reader::Bureau(own), pb::Dimension::Bureau) => Some(own.clone()),
            _ => {
                return Err(Error::permission_denied(
                    rectify_kit::Reason::PermissionDenied,
                    text!(
                        "{party} 只能查看本单位的汇总",
                        "{party} may read only its own summary",
                        party = caller.party
                    ),
                )
                .into());
            }
        };
        let summaries = self
            .summaries(dimension)
            .await?
            .into_iter()
            .filter(|s| own.as_ref().is_none_or(|own| &s.key == own))
            .collect();
        Ok(Response::new(pb::ListSummariesResponse { summaries }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_milestones(
        &self,
        request: Request<pb::GetMilestonesRequest>,
    ) -> Result<Response<pb::GetMilestonesResponse>, Status> {
        access::reader(&principal(&request)?)?;
        Ok(Response::new(summary::milestones(
            &self.campaign,
            self.today(),
        )))
    }

    #[tracing::instrument(skip_all)]
    async fn list_enterprise_progress(
        &self,
        request: Request<pb::ListEnterpriseProgressRequest>,
    ) -> Result<Response<pb::ListEnterpriseProgressResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let mut filter = request::enterprise_list(r, &self.campaign, self.today())?;
        filter.jurisdiction = access::enterprise_scope(&caller, &filter.jurisdiction)?;
        let page = request::page(r.page_size, &r.page_token, &filter.fingerprint())?;
        let (enterprises, next_page_token) = self.enterprise_page(&filter, &page).await?;
        Ok(Response::new(pb::ListEnterpriseProgressResponse {
            enterprises,
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_enterprise_progress(
        &self,
        request: Request<pb::GetEnterpriseProgressRequest>,
    ) -> Result<Response<pb::EnterpriseProgress>, Status> {
        let caller = principal(&request)?;
        let id = request::enterprise(&request.get_ref().name)?;
        let e = self.known_enterprise(&id).await?;
        access::may_read_enterprise(&caller, &e.jurisdiction)?;
        let today = self.today();
        let findings = self.store.findings_of(&id).await?;
        let items = self
            .store
            .items_of(&id, e.round)
            .await?
            .iter()
            .map(|i| convert::item(i, today))
            .collect::<Result<_>>()?;
        Ok(Response::new(convert::progress(
            &e, today, &findings, items,
        )?))
    }

    #[tracing::instrument(skip_all)]
    async fn get_enterprise_timeline(
        &self,
        request: Request<pb::GetEnterpriseTimelineRequest>,
    ) -> Result<Response<pb::GetEnterpriseTimelineResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let id = request::enterprise(&r.name)?;
        let page = request::page(r.page_size, &r.page_token, &id)?;
        let e = self.known_enterprise(&id).await?;
        access::may_read_enterprise(&caller, &e.jurisdiction)?;
        let offset: i64 = if page.after.is_empty() {
            0
        } else {
            page.after
                .parse()
                .map_err(|_| Error::invalid("page_token", "分页令牌无效 (page_token is invalid)"))?
        };
        let rows = self.store.timeline(&id, offset, page.size).await?;
        let end = offset + i64::try_from(rows.len()).unwrap_or(0);
        let next_page_token = page.next_token(rows.len(), Some(&end.to_string()));
        Ok(Response::new(pb::GetEnterpriseTimelineResponse {
            entries: rows.into_iter().map(convert::timeline_entry).collect(),
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn list_overdue_items(
        &self,
        request: Request<pb::ListOverdueItemsRequest>,
    ) -> Result<Response<pb::ListOverdueItemsResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let mut filter = request::overdue_list(r, &self.campaign, self.today())?;
        (filter.executor, filter.jurisdiction) =
            access::item_scope(&caller, &filter.executor, &filter.jurisdiction)?;
        let fingerprint = format!(
            "{}|{}|{}",
            filter.executor, filter.jurisdiction, filter.today
        );
        let page = request::page(r.page_size, &r.page_token, &fingerprint)?;
        let mut after = page.after.splitn(3, '\n');
        let key = (
            after.next().unwrap_or_default(),
            after.next().unwrap_or_default(),
            after.next().unwrap_or_default(),
        );
        let rows = self.store.overdue_items(&filter, key, page.size).await?;
        let last = rows
            .last()
            .map(|i| format!("{}\n{}\n{}", i.deadline, i.service, i.name));
        let next_page_token = page.next_token(rows.len(), last.as_deref());
        let items = rows
            .iter()
            .map(|i| convert::item(i, filter.today))
            .collect::<Result<_>>()?;
        Ok(Response::new(pb::ListOverdueItemsResponse {
            items,
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn get_supervision(
        &self,
        request: Request<pb::GetSupervisionRequest>,
    ) -> Result<Response<pb::Supervision>, Status> {
        let caller = principal(&request)?;
        let reader = access::reader(&caller)?;
        let jurisdictions =
            summary::jurisdictions(&self.summaries(pb::Dimension::Jurisdiction).await?);
        let answer = match reader {
            Reader::Everything => pb::Supervision {
                jurisdictions,
                bureaus: summary::bureaus(&self.summaries(pb::Dimension::Bureau).await?),
            },
            Reader::Jurisdiction(own) => pb::Supervision {
                jurisdictions: jurisdictions
                    .into_iter()
                    .filter(|j| j.jurisdiction == own)
                    .collect(),
                bureaus: Vec::new(),
            },
            Reader::Bureau(_) => {
                access::may_read_everything(&caller, "查看督导情况", "read supervision figures")?;
                pb::Supervision::default()
            }
        };
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all)]
    async fn list_rebounds(
        &self,
        request: Request<pb::ListReboundsRequest>,
    ) -> Result<Response<pb::ListReboundsResponse>, Status> {
        let caller = principal(&request)?;
        let r = request.get_ref();
        let mut filter = request::rebound_list(r, &self.campaign, self.today())?;
        filter.jurisdiction = access::enterprise_scope(&caller, &filter.jurisdiction)?;
        let page = request::page(r.page_size, &r.page_token, &filter.fingerprint())?;
        let (enterprises, next_page_token) = self.enterprise_page(&filter, &page).await?;
        Ok(Response::new(pb::ListReboundsResponse {
            enterprises,
            next_page_token,
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn watch_progress(
        &self,
        request: Request<pb::WatchProgressRequest>,
    ) -> Result<Response<Self::WatchProgressStream>, Status> {
        let caller = principal(&request)?;
        let scope = SummaryScope::of(access::reader(&caller)?);
        Ok(Response::new(watch::stream(self.clone(), scope)))
    }

    #[tracing::instrument(skip_all)]
    async fn sign_off_enterprise(
        &self,
        request: Request<pb::SignOffEnterpriseRequest>,
    ) -> Result<Response<pb::SignOffEnterpriseResponse>, Status> {
        let caller = principal(&request)?;
        access::may_sign_off(&caller)?;
        let r = request.get_ref();
        let (id, note) = request::sign_off(r)?;
        let ctx = CallContext::new(caller, "SignOffEnterprise", r)?;
        let registry = self.registry.as_ref().ok_or_else(|| {
            Error::Unavailable(text!(
                "协调服务未配置台账服务地址，无法销号",
                "the coordinator has no registry endpoint (RECTIFY_REGISTRY_URL) to sign off with"
            ))
        })?;
        let answer = self
            .store
            .sign_off(&self.journal, &ctx, &id, &note, registry)
            .await?;
        Ok(Response::new(answer))
    }

    #[tracing::instrument(skip_all)]
    async fn get_audit_anchors(
        &self,
        request: Request<pb::GetAuditAnchorsRequest>,
    ) -> Result<Response<pb::GetAuditAnchorsResponse>, Status> {
        let caller = principal(&request)?;
        access::may_read_everything(&caller, "查看审计锚点", "read the audit anchors")?;
        let source = request::anchor_source(&request.get_ref().service)?;
        let heads = self.store.heads(source.map(|s| s.as_str())).await?;
        Ok(Response::new(pb::GetAuditAnchorsResponse {
            anchors: heads.into_iter().map(convert::anchor).collect(),
        }))
    }
}

impl CoordinatorApi {
    /// The enterprise `id` once the registry's feed has named it.
    async fn known_enterprise(&self, id: &str) -> Result<crate::store::EnterpriseRecord> {
        self.store
            .enterprise(id)
            .await?
            .filter(|e| e.state != 0)
            .ok_or_else(|| Error::not_found(("企业", "enterprise"), &convert::enterprise_name(id)))
    }
}
