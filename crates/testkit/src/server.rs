//! A service on port 0 in the test's runtime, and clients to it.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use rectify_kit::auth::set_bearer;
use rectify_kit::tls::ClientTls;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tonic::transport::{Channel, Endpoint};
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

/// A server started by [`RunningServer::start`].
#[derive(Debug)]
pub struct RunningServer {
    pub addr: SocketAddr,
    pub stop: CancellationToken,
    /// How the harness reaches it over TLS; plain when `None`.
    pub tls: Option<ClientTls>,
    handle: JoinHandle<anyhow::Result<()>>,
}

impl RunningServer {
    /// Binds 127.0.0.1:0, hands the listener and a stop token to `run`, and
    /// waits until health says SERVING.
    pub async fn start<F, Fut>(run: F) -> RunningServer
    where
        F: FnOnce(TcpListener, CancellationToken) -> Fut,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        Self::start_tls(run, None).await
    }

    /// [`RunningServer::start`] for a server that serves TLS, reached with `tls` when given.
    pub async fn start_tls<F, Fut>(run: F, tls: Option<ClientTls>) -> RunningServer
    where
        F: FnOnce(TcpListener, CancellationToken) -> Fut,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let mut server = Self::spawn(run).await;
        server.tls = tls;
        wait_serving_on(server.addr, server.channel()).await;
        server
    }

    /// Like [`RunningServer::start`] without waiting for SERVING.
    pub async fn spawn<F, Fut>(run: F) -> RunningServer
    where
        F: FnOnce(TcpListener, CancellationToken) -> Fut,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
        let addr = listener.local_addr().expect("local address");
        let stop = CancellationToken::new();
        let handle = tokio::spawn(run(listener, stop.clone()));
        RunningServer {
            addr,
            stop,
            tls: None,
            handle,
        }
    }

    /// Stops the server and waits until it has drained.
    pub async fn shutdown(self) {
        self.stop.cancel();
        self.handle
            .await
            .expect("server task")
            .expect("server stopped cleanly");
    }

    pub fn channel(&self) -> Channel {
        match &self.tls {
            None => channel(self.addr),
            Some(tls) => tls
                .endpoint("test server", &self.url())
                .expect("TLS endpoint")
                .connect_lazy(),
        }
    }

    /// Its URL: `https://127.0.0.1:port` over TLS, else `http://…`.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }
}

/// A lazily connecting channel to `addr`.
pub fn channel(addr: SocketAddr) -> Channel {
    Endpoint::from_shared(format!("http://{addr}"))
        .expect("endpoint")
        .connect_lazy()
}

/// Waits (at most 30 s) until the overall health of `addr` is SERVING.
pub async fn wait_serving(addr: SocketAddr) {
    wait_serving_on(addr, channel(addr)).await;
}

async fn wait_serving_on(addr: SocketAddr, channel: Channel) {
    let mut client = HealthClient::new(channel);
    for _ in 0..300 {
        let answer = client
            .check(HealthCheckRequest {
                service: String::new(),
            })
            .await;
        if matches!(answer, Ok(ref r) if r.get_ref().status() == ServingStatus::Serving) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server at {addr} never became SERVING");
}

/// `message` with `authorization: Bearer token`.
pub fn authorized<T>(message: T, token: &str) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    set_bearer(request.metadata_mut(), token).expect("token fits in metadata");
    request
}

/// `message` with `token` as its bearer when there is one, else without authorization.
pub fn authorized_if<T>(message: T, token: Option<&str>) -> tonic::Request<T> {
    match token {
        Some(token) => authorized(message, token),
        None => tonic::Request::new(message),
    }
}
