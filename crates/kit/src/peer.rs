//! Calling another rectify service under this service's own identity: its credentials as the
//! bearer (renewed when minted from its own key), over TLS when the URL is `https://`, and the
//! caller's trace context carried on, so the other service's span joins the trace of the call
//! that asked for it.

use tonic::transport::Channel;

use crate::auth::{Credentials, set_bearer};
use crate::telemetry::inject_trace_context;
use crate::tls::ClientTls;

/// How this service reaches others: who it says it is, and what TLS it trusts and presents.
#[derive(Clone, Debug)]
pub struct Outbound {
    pub credentials: Credentials,
    pub tls: ClientTls,
}

impl Outbound {
    /// A fixed bearer `token` over plain `http://` (or the system's trust, no client
    /// certificate): how a web front end holding one configured token calls a service.
    pub fn with_token(token: &crate::service::SecretToken) -> Outbound {
        Outbound {
            credentials: Credentials::fixed(token.expose()),
            tls: ClientTls::default(),
        }
    }

    /// A lazily connecting channel to the service `name` at `url`.
    pub fn channel(&self, name: &str, url: &str) -> anyhow::Result<Channel> {
        Ok(self.tls.endpoint(name, url)?.connect_lazy())
    }
}

/// Another service as this one calls it; cheap to clone.
#[derive(Clone, Debug)]
pub struct Peer {
    channel: Channel,
    credentials: Credentials,
}

impl Peer {
    /// The service `name` at `url`, connected on first use, called as `outbound` says.
    pub fn connect(name: &str, url: &str, outbound: &Outbound) -> anyhow::Result<Self> {
        Ok(Self {
            channel: outbound.channel(name, url)?,
            credentials: outbound.credentials.clone(),
        })
    }

    /// The channel, for a generated client with [`Peer::interceptor`].
    pub fn channel(&self) -> Channel {
        self.channel.clone()
    }

    /// What every call carries: the current trace context and a valid bearer token of this
    /// service.
    pub fn interceptor(
        &self,
    ) -> impl FnMut(tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> + Clone + use<>
    {
        let credentials = self.credentials.clone();
        move |request| {
            let mut request = inject_trace_context(request)?;
            let token = credentials.bearer().map_err(|error| {
                tracing::error!(error = format!("{error:#}"), "cannot mint a service token");
                tonic::Status::internal("service token is not usable")
            })?;
            set_bearer(request.metadata_mut(), &token)
                .map_err(|_| tonic::Status::internal("service token is not usable"))?;
            Ok(request)
        }
    }
}
