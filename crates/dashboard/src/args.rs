//! The dashboard served by another process (the coordinator's binary): its flags and
//! environment, and the one function that starts it beside that process's gRPC server. The
//! launcher (`rectify up`) sets the same [`DashboardConfig`] fields itself.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context as _;
use rectify_campaign::Campaign;
use rectify_kit::clock::Clock;
use rectify_kit::service::SecretToken;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::coordinator::CoordinatorSettings;
use crate::{DashboardConfig, LiveEvents, Store};

/// The dashboard's settings in a host process (`coordinator --help`).
#[derive(clap::Args, Clone, Debug)]
pub struct DashboardArgs {
    /// Address the dashboard (网页端) listens on.
    #[arg(long, env = "RECTIFY_DASHBOARD_LISTEN", default_value = "0.0.0.0:8080")]
    pub dashboard_listen: SocketAddr,
    /// Do not serve the dashboard from this process.
    #[arg(long, env = "RECTIFY_NO_DASHBOARD")]
    pub no_dashboard: bool,
    /// The dashboard's database (users, sessions, login audit); the host's own database when
    /// not given (the dashboard's tables are numbered apart, 2001 and up).
    #[arg(long, env = "RECTIFY_DASHBOARD_DATABASE_URL", hide_env_values = true)]
    pub dashboard_database_url: Option<String>,
    /// The token the dashboard calls the coordinator with: an office token (the office signs
    /// off). Without it the dashboard's progress pages say the coordinator is not configured.
    #[arg(long, env = "RECTIFY_DASHBOARD_TOKEN", hide_env_values = true)]
    pub dashboard_token: Option<SecretToken>,
    /// The token the dashboard calls the registry with for the ledger export and the survey
    /// import (party `office`); `--dashboard-token` when not given, since one office token
    /// may name every service.
    #[arg(long, env = "RECTIFY_DASHBOARD_REGISTRY_TOKEN", hide_env_values = true)]
    pub dashboard_registry_token: Option<SecretToken>,
    /// Mark the session cookie `Secure` (the dashboard is reached over TLS through a proxy).
    #[arg(long, env = "RECTIFY_DASHBOARD_SECURE_COOKIES")]
    pub dashboard_secure_cookies: bool,
}

/// Where the host's other services are, for the dashboard.
#[derive(Clone, Debug)]
pub struct Neighbours {
    /// The host's own database URL, used when no dashboard database is given.
    pub database_url: String,
    /// The registry's endpoint, for the public list.
    pub registry_url: Option<String>,
    /// The coordinator's endpoint as this process reaches it (loopback for its own port).
    pub coordinator_url: String,
}

impl DashboardArgs {
    /// Binds the dashboard's port, opens (and migrates) its database and serves it until
    /// `stop`; `None` when turned off.
    pub async fn spawn(
        &self,
        neighbours: Neighbours,
        campaign: Arc<Campaign>,
        clock: Clock,
        stop: CancellationToken,
    ) -> anyhow::Result<Option<JoinHandle<anyhow::Result<()>>>> {
        if self.no_dashboard {
            tracing::info!("dashboard turned off");
            return Ok(None);
        }
        let listener = TcpListener::bind(self.dashboard_listen)
            .await
            .with_context(|| format!("the dashboard cannot listen on {}", self.dashboard_listen))?;
        let database_url = self
            .dashboard_database_url
            .clone()
            .unwrap_or(neighbours.database_url);
        let store = Store::open(&database_url).await?;
        let mut config = DashboardConfig::new(campaign);
        config.registry_url = neighbours.registry_url;
        config.secure_cookies = self.dashboard_secure_cookies;
        config.clock = clock;
        config.registry_token = self
            .dashboard_registry_token
            .clone()
            .or_else(|| self.dashboard_token.clone());
        match &self.dashboard_token {
            Some(token) => {
                config.coordinator = Some(CoordinatorSettings {
                    url: neighbours.coordinator_url,
                    token: token.clone(),
                });
            }
            None => tracing::warn!(
                "no RECTIFY_DASHBOARD_TOKEN: the dashboard cannot read the coordinator"
            ),
        }
        Ok(Some(tokio::spawn(crate::serve(
            listener,
            config,
            store,
            LiveEvents::new(),
            stop,
        ))))
    }
}

/// `http://127.0.0.1:PORT` for a server bound to `addr` (an unspecified address is reached
/// over loopback).
pub fn loopback_url(addr: SocketAddr) -> String {
    let ip = if addr.ip().is_unspecified() {
        match addr {
            SocketAddr::V4(_) => std::net::IpAddr::from([127, 0, 0, 1]),
            SocketAddr::V6(_) => std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        }
    } else {
        addr.ip()
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}
