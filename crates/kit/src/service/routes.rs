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
    pub fn serve<S>(mut self, service: S) -> Self
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

/// `limited!(host, SomeServiceServer::new(api))`: a generated gRPC server limited to the
/// host's message size for requests and answers alike, ready for [`Routes::serve`].
#[macro_export]
macro_rules! limited {
    ($host:expr, $server:expr) => {{
        let limit = $host.max_message_bytes();
        $server
            .max_decoding_message_size(limit)
            .max_encoding_message_size(limit)
    }};
}

/// `service_migrations!()`: a service's own migrations, from `migrations/postgres` and
/// `migrations/sqlite` of the crate that invokes it, for [`crate::service::Service::MIGRATIONS`].
#[macro_export]
macro_rules! service_migrations {
    () => {{
        static POSTGRES: ::sqlx::migrate::Migrator = ::sqlx::migrate!("migrations/postgres");
        static SQLITE: ::sqlx::migrate::Migrator = ::sqlx::migrate!("migrations/sqlite");
        $crate::db::Migrations {
            postgres: &[&POSTGRES],
            sqlite: &[&SQLITE],
        }
    }};
}

/// `service!`: a service as the shared skeleton runs it, written once. It declares the unit
/// struct, its `App` and its [`Service`](crate::service::Service): the service's own
/// migrations ([`service_migrations!`]) and the gRPC server named after `serves` over the API
/// that the `api:` expression builds from the host and the service's arguments (it may start
/// followers and use `?`).
///
/// ```ignore
/// rectify_kit::service! {
///     /// The registry (台账).
///     Registry = ServiceName::Registry;
///     serves RegistryServiceServer;
///     api: |host, args| RegistryApi::new(Store::new(host.journal.clone(), …));
/// }
/// ```
#[macro_export]
macro_rules! service {
    (
        $(#[$doc:meta])*
        $service:ident = $name:expr;
        serves $server:ident;
        api: |$host:ident, $args:ident| $api:expr;
    ) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $service;

        #[doc = concat!("`", stringify!($service), "` run through the shared skeleton.")]
        pub type App = $crate::service::App<$service>;

        impl $crate::service::Service for $service {
            const SERVICE: ::rectify_campaign::ServiceName = $name;
            const MIGRATIONS: $crate::db::Migrations = $crate::service_migrations!();

            async fn routes(
                $host: &$crate::host::Host,
                $args: &$crate::service::ServiceArgs,
            ) -> ::anyhow::Result<$crate::service::Routes> {
                let api = $api;
                Ok($host.routes().serve($crate::limited!($host, $server::new(api))))
            }
        }
    };
}
