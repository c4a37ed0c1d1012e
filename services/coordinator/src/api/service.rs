//! `rectify.coordinator.v1.CoordinatorService`: each call checks who is asking
//! ([`access`](super::access)), parses the request ([`request`](super::request)), reads the
//! projection ([`Store`]) and answers.

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::Arc;

use chrono::NaiveDate;
use futures::Stream;
use rectify_campaign::Campaign;
use rectify_kit::clock::Clock;
use rectify_kit::journal::Journal;
use rectify_kit::page::Page;
use rectify_kit::{CallContext, Error, Result, text};
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::coordinator::v1::coordinator_service_server::CoordinatorService;
use tonic::Status;

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

rectify_kit::handlers! {
    impl CoordinatorService for CoordinatorApi;
    type WatchProgressStream = WatchStream;

    #[traced()]
    fn get_summary(&self, caller, _body: pb::GetSummaryRequest) -> pb::Summary {
        let scope = SummaryScope::of(access::reader(&caller)?);
        Ok(self.summary_of(&scope).await?)
    }

    #[traced()]
    fn list_summaries(&self, caller, body: pb::ListSummariesRequest) -> pb::ListSummariesResponse {
        let reader = access::reader(&caller)?;
        let dimension = request::dimension(body.dimension)?;
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
        Ok(pb::ListSummariesResponse { summaries })
    }

    #[traced()]
    fn get_milestones(&self, caller, _body: pb::GetMilestonesRequest) -> pb::GetMilestonesResponse {
        access::reader(&caller)?;
        Ok(summary::milestones(&self.campaign, self.today()))
    }

    #[traced()]
    fn list_enterprise_progress(&self, caller, body: pb::ListEnterpriseProgressRequest)
        -> pb::ListEnterpriseProgressResponse
    {
        let r = &body;
        let mut filter = request::enterprise_list(r, &self.campaign, self.today())?;
        filter.jurisdiction = access::enterprise_scope(&caller, &filter.jurisdiction)?;
        let page = request::page(r.page_size, &r.page_token, &filter.fingerprint())?;
        let (enterprises, next_page_token) = self.enterprise_page(&filter, &page).await?;
        Ok(pb::ListEnterpriseProgressResponse {
            enterprises,
            next_page_token,
        })
    }

    #[traced()]
    fn get_enterprise_progress(&self, caller, body: pb::GetEnterpriseProgressRequest)
        -> pb::EnterpriseProgress
    {
        let id = request::enterprise(&body.name)?;
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
        Ok(convert::progress(&e, today, &findings, items)?)
    }

    #[traced()]
    fn get_enterprise_timeline(&self, caller, body: pb::GetEnterpriseTimelineRequest)
        -> pb::GetEnterpriseTimelineResponse
    {
        let r = &body;
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
        Ok(pb::GetEnterpriseTimelineResponse {
            entries: rows.into_iter().map(convert::timeline_entry).collect(),
            next_page_token,
        })
    }

    #[traced()]
    fn list_overdue_items(&self, caller, body: pb::ListOverdueItemsRequest)
        -> pb::ListOverdueItemsResponse
    {
        let r = &body;
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
        Ok(pb::ListOverdueItemsResponse {
            items,
            next_page_token,
        })
    }

    #[traced()]
    fn get_supervision(&self, caller, _body: pb::GetSupervisionRequest) -> pb::Supervision {
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
        Ok(answer)
    }

    #[traced()]
    fn list_rebounds(&self, caller, body: pb::ListReboundsRequest) -> pb::ListReboundsResponse {
        let r = &body;
        let mut filter = request::rebound_list(r, &self.campaign, self.today())?;
        filter.jurisdiction = access::enterprise_scope(&caller, &filter.jurisdiction)?;
        let page = request::page(r.page_size, &r.page_token, &filter.fingerprint())?;
        let (enterprises, next_page_token) = self.enterprise_page(&filter, &page).await?;
        Ok(pb::ListReboundsResponse {
            enterprises,
            next_page_token,
        })
    }

    #[traced()]
    fn watch_progress(&self, caller, _body: pb::WatchProgressRequest) -> Self::WatchProgressStream {
        let scope = SummaryScope::of(access::reader(&caller)?);
        Ok(watch::stream(self.clone(), scope))
    }

    #[traced()]
    fn sign_off_enterprise(&self, caller, body: pb::SignOffEnterpriseRequest)
        -> pb::SignOffEnterpriseResponse
    {
        access::may_sign_off(&caller)?;
        let r = &body;
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
        Ok(answer)
    }

    #[traced()]
    fn get_audit_anchors(&self, caller, body: pb::GetAuditAnchorsRequest)
        -> pb::GetAuditAnchorsResponse
    {
        access::may_read_everything(&caller, "查看审计锚点", "read the audit anchors")?;
        let source = request::anchor_source(&body.service)?;
        let heads = self.store.heads(source.map(|s| s.as_str())).await?;
        Ok(pb::GetAuditAnchorsResponse {
            anchors: heads.into_iter().map(convert::anchor).collect(),
        })
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
