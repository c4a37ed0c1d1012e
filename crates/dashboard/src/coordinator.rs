//! The coordinator's projections as the dashboard reads them: a small client over
//! `CoordinatorService` that sends the dashboard's own bearer token (an office token) and the
//! current trace through [`rectify_kit::peer::Peer`], and returns the proto types.
//!
//! Every page fed by the coordinator, the live updates and the ledger export read through it.

use rectify_kit::peer::{Outbound, Peer};
use rectify_kit::service::SecretToken;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use tonic::Streaming;
use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::Channel;

/// Most pages read when a page needs a whole list (the supervision report's overdue items).
pub const MAX_PAGES: usize = 200;

/// Where the coordinator is and what the dashboard calls it with.
#[derive(Clone, Debug)]
pub struct CoordinatorSettings {
    /// Its gRPC endpoint, e.g. `http://coordinator:50050`.
    pub url: String,
    /// The dashboard's token: an office token, since the office signs off.
    pub token: SecretToken,
}

/// A client of the coordinator; cheap to clone.
#[derive(Clone, Debug)]
pub struct CoordinatorClient {
    peer: Peer,
}

impl CoordinatorClient {
    /// A client of the coordinator at `settings.url`, connecting on first use.
    pub fn connect_lazy(settings: &CoordinatorSettings) -> anyhow::Result<CoordinatorClient> {
        Ok(CoordinatorClient {
            peer: Peer::connect(
                "coordinator",
                &settings.url,
                &Outbound::with_token(&settings.token),
            )?,
        })
    }

    fn client(&self) -> CoordinatorServiceClient<InterceptedService<Channel, impl Interceptor>> {
        CoordinatorServiceClient::with_interceptor(self.peer.channel(), self.peer.interceptor())
    }

    /// The whole campaign's summary.
    pub async fn summary(&self) -> Result<pb::Summary, tonic::Status> {
        Ok(self
            .client()
            .get_summary(pb::GetSummaryRequest {})
            .await?
            .into_inner())
    }

    /// One summary per key of `dimension`.
    pub async fn summaries(
        &self,
        dimension: pb::Dimension,
    ) -> Result<Vec<pb::Summary>, tonic::Status> {
        Ok(self
            .client()
            .list_summaries(pb::ListSummariesRequest {
                dimension: dimension as i32,
            })
            .await?
            .into_inner()
            .summaries)
    }

    /// The campaign's milestones with days left.
    pub async fn milestones(&self) -> Result<pb::GetMilestonesResponse, tonic::Status> {
        Ok(self
            .client()
            .get_milestones(pb::GetMilestonesRequest {})
            .await?
            .into_inner())
    }

    /// One page of enterprises' progress.
    pub async fn enterprises(
        &self,
        request: pb::ListEnterpriseProgressRequest,
    ) -> Result<pb::ListEnterpriseProgressResponse, tonic::Status> {
        Ok(self
            .client()
            .list_enterprise_progress(request)
            .await?
            .into_inner())
    }

    /// One enterprise's progress with its items; `name` is `enterprises/{id}`.
    pub async fn enterprise(&self, name: &str) -> Result<pb::EnterpriseProgress, tonic::Status> {
        Ok(self
            .client()
            .get_enterprise_progress(pb::GetEnterpriseProgressRequest {
                name: name.to_owned(),
            })
            .await?
            .into_inner())
    }

    /// One enterprise's whole timeline, oldest first.
    pub async fn timeline(&self, name: &str) -> Result<Vec<pb::TimelineEntry>, tonic::Status> {
        let mut entries = Vec::new();
        let mut page_token = String::new();
        for _ in 0..MAX_PAGES {
            let page = self
                .client()
                .get_enterprise_timeline(pb::GetEnterpriseTimelineRequest {
                    name: name.to_owned(),
                    page_size: 500,
                    page_token,
                })
                .await?
                .into_inner();
            entries.extend(page.entries);
            if page.next_page_token.is_empty() {
                break;
            }
            page_token = page.next_page_token;
        }
        Ok(entries)
    }

    /// One page of overdue items.
    pub async fn overdue_items(
        &self,
        request: pb::ListOverdueItemsRequest,
    ) -> Result<pb::ListOverdueItemsResponse, tonic::Status> {
        Ok(self
            .client()
            .list_overdue_items(request)
            .await?
            .into_inner())
    }

    /// Every overdue item, oldest deadline first.
    pub async fn all_overdue_items(&self) -> Result<Vec<pb::ItemProgress>, tonic::Status> {
        let mut items = Vec::new();
        let mut request = pb::ListOverdueItemsRequest {
            page_size: 500,
            ..Default::default()
        };
        for _ in 0..MAX_PAGES {
            let page = self.overdue_items(request.clone()).await?;
            items.extend(page.items);
            if page.next_page_token.is_empty() {
                break;
            }
            request.page_token = page.next_page_token;
        }
        Ok(items)
    }

    /// Supervision per jurisdiction and per bureau.
    pub async fn supervision(&self) -> Result<pb::Supervision, tonic::Status> {
        Ok(self
            .client()
            .get_supervision(pb::GetSupervisionRequest {})
            .await?
            .into_inner())
    }

    /// One page of rebound watch.
    pub async fn rebounds(
        &self,
        request: pb::ListReboundsRequest,
    ) -> Result<pb::ListReboundsResponse, tonic::Status> {
        Ok(self.client().list_rebounds(request).await?.into_inner())
    }

    /// The campaign's summary now and at each change.
    pub async fn watch(&self) -> Result<Streaming<pb::Summary>, tonic::Status> {
        Ok(self
            .client()
            .watch_progress(pb::WatchProgressRequest {})
            .await?
            .into_inner())
    }

    /// Signs `name` off for the office.
    pub async fn sign_off(
        &self,
        request_id: &str,
        name: &str,
        note: &str,
    ) -> Result<pb::SignOffEnterpriseResponse, tonic::Status> {
        Ok(self
            .client()
            .sign_off_enterprise(pb::SignOffEnterpriseRequest {
                request_id: request_id.to_owned(),
                name: name.to_owned(),
                note: note.to_owned(),
            })
            .await?
            .into_inner())
    }
}
