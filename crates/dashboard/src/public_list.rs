//! The registry's public list (`ListPublicPlans`, no token needed): the only source of the
//! public page, so that it can show nothing but the fields the registry publishes.

use rectify_kit::tls::ClientTls;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use tonic::transport::Channel;

/// Plans per page of the public list.
pub const PAGE_SIZE: i32 = 20;
/// Most pages read when every published plan is counted (the overview's charts).
const MAX_PAGES: usize = 200;

/// A client of the registry's public list.
#[derive(Clone, Debug)]
pub struct PublicRegistry {
    client: RegistryServiceClient<Channel>,
}

/// One page of the public list, filtered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublicQuery {
    /// A jurisdiction's party code; empty for all.
    pub jurisdiction: String,
    pub category: pb::Category,
    /// The registry's opaque page token; empty for the first page.
    pub page_token: String,
}

impl PublicRegistry {
    /// A client of the registry at `url` that connects when first used.
    pub fn connect_lazy(url: &str, tls: &ClientTls) -> anyhow::Result<PublicRegistry> {
        let channel = tls.endpoint("registry", url)?.connect_lazy();
        Ok(PublicRegistry {
            client: RegistryServiceClient::new(channel),
        })
    }

    /// One page of published plans.
    pub async fn page(
        &self,
        query: &PublicQuery,
    ) -> Result<pb::ListPublicPlansResponse, tonic::Status> {
        let request = pb::ListPublicPlansRequest {
            page_size: PAGE_SIZE,
            page_token: query.page_token.clone(),
            jurisdiction: query.jurisdiction.clone(),
            category: query.category as i32,
        };
        Ok(self
            .client
            .clone()
            .list_public_plans(request)
            .await?
            .into_inner())
    }

    /// Every published plan, page by page.
    pub async fn all(&self) -> Result<Vec<pb::PublicPlan>, tonic::Status> {
        let mut plans = Vec::new();
        let mut query = PublicQuery::default();
        for _ in 0..MAX_PAGES {
            let page = self.page(&query).await?;
            plans.extend(page.plans);
            if page.next_page_token.is_empty() {
                break;
            }
            query.page_token = page.next_page_token;
        }
        Ok(plans)
    }
}
