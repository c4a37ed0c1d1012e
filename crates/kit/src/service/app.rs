//! One generic app and `main` for every service: configuration, telemetry, a
//! bound listener, the host, the service's routes, and a graceful stop.

use std::marker::PhantomData;
use std::net::SocketAddr;

use clap::{Args as _, FromArgMatches as _};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use super::{Routes, Service, ServiceArgs};
use crate::host::{Host, shutdown_signal};

/// A built, not yet running, service.
#[derive(Debug)]
pub struct App<S: Service> {
    host: Host,
    routes: Routes,
    tls: Option<tonic::transport::ServerTlsConfig>,
    service: PhantomData<S>,
}

impl<S: Service> App<S> {
    /// Opens the database and prepares the server on `listener`; `stop` ends it.
    pub async fn build(
        mut args: ServiceArgs,
        listener: TcpListener,
        stop: CancellationToken,
    ) -> anyhow::Result<Self> {
        args.name = S::NAME.to_owned();
        args.read_token_file()?;
        let tls = args.tls.server()?;
        let host = Host::prepare(
            args.service.clone(),
            S::NAME,
            listener,
            S::MIGRATIONS,
            S::feed_readers,
            stop,
        )
        .await?;
        let routes = S::routes(&host, &args).await?;
        Ok(Self {
            host,
            routes,
            tls,
            service: PhantomData,
        })
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        self.host.local_addr()
    }

    pub fn port(&self) -> u16 {
        self.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// Serves until the stop token is cancelled; drains in-flight calls.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.host.serve(self.routes, self.tls).await
    }
}

/// A service binary's whole `main`: flags and environment, telemetry, listen,
/// serve until SIGTERM or Ctrl-C.
pub async fn main<S: Service>() -> anyhow::Result<()> {
    let command = ServiceArgs::augment_args(clap::Command::new(S::NAME).about(format!(
        "rectify {} ({}) gRPC service",
        S::NAME,
        S::TITLE_ZH
    )));
    let args = ServiceArgs::from_arg_matches(&command.get_matches())?;
    let _telemetry = crate::telemetry::init(S::NAME, &args.telemetry)?;
    let address = args
        .listen
        .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], S::DEFAULT_PORT)));
    let listener = TcpListener::bind(address).await?;
    let stop = CancellationToken::new();
    let app = App::<S>::build(args, listener, stop.clone()).await?;
    tracing::info!(service = S::NAME, port = app.port(), "listening");
    tokio::spawn(async move {
        shutdown_signal().await;
        stop.cancel();
    });
    app.run_until_stopped().await
}
