//! The gRPC services one server serves, each behind the gate that verifies
//! tokens and refuses calls while the database is not ready.

use tonic::server::NamedService;
use tonic::service::interceptor::InterceptedService;

use crate::caller::Gate;

/// A service's gRPC services, gated, with their names for health and reflection.
#[derive(Debug)]
pub struct Routes {
    pub(crate) builder: tonic::service::RoutesBuilder,
    pub(crate) names: Vec<&'static str>,
    gate: Gate,
}

impl Routes {
    pub(crate) fn new(gate: Gate) -> Self {
        Self {
            builder: tonic::service::RoutesBuilder::default(),
            names: Vec::new(),
            gate,
        }
    }

    /// Adds one generated gRPC server (already limited to the host's message size).
    #[allow(
        clippy::should_implement_trait,
        reason = "a builder step, not arithmetic: `routes.add(server)` reads as meant"
    )]
    pub fn add<S>(mut self, service: S) -> Self
    where
        S: tower::Service<
                http::Request<tonic::body::Body>,
                Response = http::Response<tonic::body::Body>,
                Error = std::convert::Infallible,
            > + NamedService
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
    {
        self.names.push(S::NAME);
        self.builder
            .add_service(InterceptedService::new(service, self.gate.clone()));
        self
    }
}
