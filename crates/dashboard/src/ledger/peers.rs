//! The registry and the coordinator as the dashboard calls them for the ledger and the survey
//! import: under the dashboard's own token (party `office`), with the trace carried on.

use rectify_kit::peer::Peer;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::Channel;

use crate::config::DashboardConfig;

/// The services the office's spreadsheets read and write.
#[derive(Clone, Debug)]
pub struct OfficePeers {
    registry: Peer,
    /// `None` when no coordinator is configured: the ledger's 完成情况 then shows the lifecycle.
    coordinator: Option<Peer>,
}

impl OfficePeers {
    /// The peers `config` names; `None` without a registry URL or without the office token.
    pub fn from_config(config: &DashboardConfig) -> anyhow::Result<Option<OfficePeers>> {
        let (Some(url), Some(token)) = (&config.registry_url, &config.office_token) else {
            return Ok(None);
        };
        let coordinator = config
            .coordinator_url
            .as_deref()
            .map(|url| Peer::connect("coordinator", url, token))
            .transpose()?;
        Ok(Some(OfficePeers {
            registry: Peer::connect("registry", url, token)?,
            coordinator,
        }))
    }

    /// A registry client under the office token.
    pub fn registry(&self) -> RegistryServiceClient<Outgoing> {
        RegistryServiceClient::new(outgoing(&self.registry))
    }

    /// A coordinator client under the office token, when one is configured.
    pub fn coordinator(&self) -> Option<CoordinatorServiceClient<Outgoing>> {
        self.coordinator
            .as_ref()
            .map(|peer| CoordinatorServiceClient::new(outgoing(peer)))
    }
}

/// What stamps every call: the peer's interceptor (bearer token, trace context), boxed so that
/// the clients' type can be named.
type Stamp =
    Box<dyn FnMut(tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> + Send + Sync>;

/// The channel to a peer with every call stamped.
pub type Outgoing = InterceptedService<Channel, Stamp>;

fn outgoing(peer: &Peer) -> Outgoing {
    InterceptedService::new(peer.channel(), Box::new(peer.interceptor()))
}
