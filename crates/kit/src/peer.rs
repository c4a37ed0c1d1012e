//! Calling another rectify service under this service's own identity: its service token as the
//! bearer, and the caller's trace context carried on, so the other service's span joins the
//! trace of the call that asked for it.

use anyhow::Context as _;
use tonic::transport::{Channel, Endpoint};

use crate::auth::set_bearer;
use crate::service::SecretToken;
use crate::telemetry::inject_trace_context;

/// Another service as this one calls it; cheap to clone.
#[derive(Clone, Debug)]
pub struct Peer {
    channel: Channel,
    token: String,
}

impl Peer {
    /// The service `name` at `url`, connected on first use, called with `token`.
    pub fn connect(name: &str, url: &str, token: &SecretToken) -> anyhow::Result<Self> {
        let channel = Endpoint::from_shared(url.to_owned())
            .with_context(|| format!("invalid {name} URL {url:?}"))?
            .connect_lazy();
        Ok(Self {
            channel,
            token: token.expose().to_owned(),
        })
    }

    /// The channel, for a generated client with [`Peer::interceptor`].
    pub fn channel(&self) -> Channel {
        self.channel.clone()
    }

    /// What every call carries: the current trace context and this service's bearer token.
    pub fn interceptor(
        &self,
    ) -> impl FnMut(tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> + Clone + use<>
    {
        let token = self.token.clone();
        move |request| {
            let mut request = inject_trace_context(request)?;
            set_bearer(request.metadata_mut(), &token)
                .map_err(|_| tonic::Status::internal("service token is not usable"))?;
            Ok(request)
        }
    }
}
