//! Hosts one service: database readiness and migrations, health, reflection,
//! the feed, the journal sequencer, auth, limits, and graceful shutdown on a
//! listener the caller bound (port 0 in tests).

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use rectify_proto::feed::v1::feed_service_server::FeedServiceServer;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tonic::server::NamedService;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::ServerTlsConfig;
use tonic::transport::server::TcpIncoming;
use tonic_health::ServingStatus;
use tonic_health::server::HealthReporter;

use crate::auth::Verifier;
use crate::caller::{Gate, Readiness};
use crate::config::ServiceConfig;
use crate::db::{Db, Migrations};
use crate::journal::{FeedAccess, FeedServer, Journal};
use crate::service::Routes;

/// How often a ready service checks that its database still answers.
const LIVENESS_INTERVAL: Duration = Duration::from_secs(5);
const RETRY_INTERVAL: Duration = Duration::from_secs(1);

/// Everything a service's handlers share, prepared before serving.
#[derive(Debug)]
pub struct Host {
    pub db: Db,
    pub journal: Journal,
    pub readiness: Readiness,
    gate: Gate,
    config: ServiceConfig,
    listener: TcpListener,
    migrations: Migrations,
    feed_access: FeedAccess,
    stop: CancellationToken,
}

impl Host {
    /// Opens the database pool (PostgreSQL lazily) and loads the key set.
    /// Nothing is served until [`Host::serve`].
    pub async fn prepare(
        config: ServiceConfig,
        audience: &str,
        listener: TcpListener,
        migrations: Migrations,
        feed_access: FeedAccess,
        stop: CancellationToken,
    ) -> anyhow::Result<Host> {
        let verifier = Verifier::from_jwks_file(&config.jwks, &config.token_issuer, audience)
            .with_context(|| format!("cannot load key set {}", config.jwks.display()))?
            .with_leeway(Duration::from_secs(config.token_leeway_secs));
        let db = Db::open(config.database_url.expose(), config.db_max_connections).await?;
        let readiness = Readiness::default();
        Ok(Host {
            journal: Journal::new(db.clone()),
            gate: Gate::new(verifier, readiness.clone()),
            db,
            readiness,
            config,
            listener,
            migrations,
            feed_access,
            stop,
        })
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Token that stops this service when cancelled.
    pub fn stop_token(&self) -> CancellationToken {
        self.stop.clone()
    }

    pub fn config(&self) -> &ServiceConfig {
        &self.config
    }

    /// The message size limit every gRPC server of this host applies.
    pub fn max_message_bytes(&self) -> usize {
        self.config.max_message_bytes
    }

    /// An empty set of routes behind this host's gate.
    pub fn routes(&self) -> Routes {
        Routes::new(self.gate.clone())
    }

    /// Serves `routes` (already limited to the message size) until the stop
    /// token is cancelled; in-flight calls are drained.
    /// With `tls`, only TLS connections are accepted (and, when it names a client CA, only
    /// callers presenting a certificate that CA issued).
    pub async fn serve(self, routes: Routes, tls: Option<ServerTlsConfig>) -> anyhow::Result<()> {
        let (health, health_service) = tonic_health::server::health_reporter();
        let mut names = routes.names.clone();
        names.push(FeedServiceServer::<FeedServer>::NAME);
        set_status(&health, &names, ServingStatus::NotServing).await;

        // v1 and, for clients that only speak it (older grpcurl, Python's
        // grpcio-reflection), v1alpha.
        let reflection = reflection_builder(&names)
            .build_v1()
            .context("cannot build reflection service")?;
        let reflection_alpha = reflection_builder(&names)
            .build_v1alpha()
            .context("cannot build reflection service")?;

        let feed = FeedServiceServer::new(FeedServer::new(
            self.journal.clone(),
            self.feed_access,
            self.stop.clone(),
        ))
        .max_decoding_message_size(self.config.max_message_bytes)
        .max_encoding_message_size(self.config.max_message_bytes);

        let upkeep = tokio::spawn(keep_ready(
            self.db.clone(),
            self.migrations,
            self.readiness.clone(),
            health,
            names,
            self.journal.clone(),
            self.stop.clone(),
        ));

        let stop = self.stop.clone();
        let mut builder = routes.builder;
        builder
            .add_service(health_service)
            .add_service(reflection)
            .add_service(reflection_alpha)
            .add_service(InterceptedService::new(feed, self.gate.clone()));
        let mut server = tonic::transport::Server::builder();
        if let Some(tls) = tls {
            server = server
                .tls_config(tls)
                .context("cannot use the TLS certificate and key")?;
        }
        let result = server
            .trace_fn(crate::telemetry::server_span)
            .timeout(self.config.request_timeout())
            .http2_keepalive_interval(Some(Duration::from_secs(30)))
            .add_routes(builder.routes())
            .serve_with_incoming_shutdown(incoming(self.listener), stop.cancelled_owned())
            .await
            .context("gRPC server failed");
        self.stop.cancel();
        let _ = upkeep.await;
        self.db.close().await;
        result
    }
}

/// Reflection over the rectify and health descriptors, listing only the
/// services this server serves.
fn reflection_builder(names: &[&'static str]) -> tonic_reflection::server::Builder<'static> {
    names.iter().fold(
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(rectify_proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .with_service_name("grpc.health.v1.Health"),
        |builder, name| builder.with_service_name(*name),
    )
}

/// Accepted connections with Nagle's algorithm off (small gRPC frames would
/// otherwise wait ~40 ms for delayed ACKs) and TCP keepalive on; the builder's
/// own TCP settings do not apply to a listener passed in.
fn incoming(listener: TcpListener) -> TcpIncoming {
    TcpIncoming::from(listener)
        .with_nodelay(Some(true))
        .with_keepalive(Some(Duration::from_secs(60)))
}

async fn set_status(health: &HealthReporter, names: &[&str], status: ServingStatus) {
    health.set_service_status("", status).await;
    for name in names {
        health.set_service_status(*name, status).await;
    }
}

/// Migrates once the database answers, then reports SERVING, runs the
/// sequencer, and flips to NOT_SERVING whenever the database stops answering.
async fn keep_ready(
    db: Db,
    migrations: Migrations,
    readiness: Readiness,
    health: HealthReporter,
    names: Vec<&'static str>,
    journal: Journal,
    stop: CancellationToken,
) {
    loop {
        match db.migrate(migrations).await {
            Ok(()) => break,
            Err(error) => tracing::warn!(error = format!("{error:#}"), "database not ready"),
        }
        tokio::select! {
            () = tokio::time::sleep(RETRY_INTERVAL) => {}
            () = stop.cancelled() => return,
        }
    }
    let sequencer = tokio::spawn(journal.run_sequencer(stop.clone()));
    readiness.set(true);
    set_status(&health, &names, ServingStatus::Serving).await;
    tracing::info!("database migrated, serving");
    loop {
        tokio::select! {
            () = tokio::time::sleep(LIVENESS_INTERVAL) => {}
            () = stop.cancelled() => break,
        }
        let up = db.ping().await.is_ok();
        if up != readiness.is_ready() {
            readiness.set(up);
            let status = if up {
                ServingStatus::Serving
            } else {
                ServingStatus::NotServing
            };
            tracing::warn!(serving = up, "database availability changed");
            set_status(&health, &names, status).await;
        }
    }
    set_status(&health, &names, ServingStatus::NotServing).await;
    let _ = sequencer.await;
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutdown requested");
}
