//! The registry as the dashboard calls it for the ledger and the survey import: under the
//! dashboard's registry token (party `office`), with the trace carried on.

use rectify_kit::peer::{Outbound, Peer};
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::Channel;

use crate::config::DashboardConfig;

/// The registry under the office's token; cheap to clone.
#[derive(Clone, Debug)]
pub struct OfficeRegistry {
    peer: Peer,
}

impl OfficeRegistry {
    /// The registry `config` names; `None` without a registry URL or without the token.
    pub fn from_config(config: &DashboardConfig) -> anyhow::Result<Option<OfficeRegistry>> {
        let (Some(url), Some(token)) = (&config.registry_url, &config.registry_token) else {
            return Ok(None);
        };
        Ok(Some(OfficeRegistry {
            peer: Peer::connect("registry", url, &Outbound::with_token(token))?,
        }))
    }

    /// A registry client whose every call carries the token and the trace.
    pub fn client(&self) -> RegistryServiceClient<Outgoing> {
        RegistryServiceClient::new(InterceptedService::new(
            self.peer.channel(),
            Box::new(self.peer.interceptor()),
        ))
    }
}

/// What stamps every call: the peer's interceptor (bearer token, trace context), boxed so that
/// the client's type can be named.
type Stamp =
    Box<dyn FnMut(tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> + Send + Sync>;

/// The channel to the registry with every call stamped.
pub type Outgoing = InterceptedService<Channel, Stamp>;
