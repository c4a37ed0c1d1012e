//! The dashboard served by another process (the coordinator's binary): its flags and
//! environment, and the one function that starts it beside that process's gRPC server. The
//! launcher (`rectify up`) sets the same [`DashboardConfig`] fields itself.

use rectify_kit::tls::ClientTls;
use std::net::SocketAddr;
use std::path::PathBuf;
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
    /// A file holding that token (e.g. a docker secret); instead of RECTIFY_DASHBOARD_TOKEN.
    #[arg(
        long,
        env = "RECTIFY_DASHBOARD_TOKEN_FILE",
        conflicts_with = "dashboard_token"
    )]
    pub dashboard_token_file: Option<PathBuf>,
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
    /// How the registry and the coordinator are reached over TLS (the host's own settings).
    pub tls: ClientTls,
}

impl DashboardArgs {
    /// The dashboard's token: given, or read from its file.
    fn token(&self) -> anyhow::Result<Option<SecretToken>> {
        let Some(path) = &self.dashboard_token_file else {
            return Ok(self.dashboard_token.clone());
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the dashboard token {}", path.display()))?;
        let token: SecretToken = text.parse()?;
        anyhow::ensure!(
            !token.expose().is_empty(),
            "the dashboard token file {} is empty",
            path.display()
        );
        Ok(Some(token))
    }

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
        config.tls = neighbours.tls;
        let dashboard_token = self.token()?;
        config.registry_token = self
            .dashboard_registry_token
            .clone()
            .or_else(|| dashboard_token.clone());
        match &dashboard_token {
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

/// `http://127.0.0.1:PORT` (`https://` when it serves `tls`) for a server bound to `addr` (an
/// unspecified address is reached over loopback).
pub fn loopback_url(addr: SocketAddr, tls: bool) -> String {
    let ip = if addr.ip().is_unspecified() {
        match addr {
            SocketAddr::V4(_) => std::net::IpAddr::from([127, 0, 0, 1]),
            SocketAddr::V6(_) => std::net::IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        }
    } else {
        addr.ip()
    };
    let scheme = if tls { "https" } else { "http" };
    format!("{scheme}://{}", SocketAddr::new(ip, addr.port()))
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;

    #[derive(clap::Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        dashboard: DashboardArgs,
    }

    #[test]
    fn the_token_comes_from_its_file_and_an_empty_file_is_refused() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("dashboard_token");
        std::fs::write(&file, "eyJ.office.token\n").expect("write");
        let cli = Cli::parse_from([
            "coordinator",
            "--dashboard-token-file",
            file.to_str().expect("a UTF-8 path"),
        ]);
        let token = cli.dashboard.token().expect("read").expect("a token");
        assert_eq!(token.expose(), "eyJ.office.token", "trimmed, as given");

        std::fs::write(&file, "\n").expect("write");
        let error = cli.dashboard.token().expect_err("an empty file is refused");
        assert!(error.to_string().contains("is empty"), "{error}");

        let both = Cli::try_parse_from([
            "coordinator",
            "--dashboard-token",
            "t",
            "--dashboard-token-file",
            file.to_str().expect("a UTF-8 path"),
        ]);
        assert!(
            both.is_err(),
            "a token and a token file at once are refused"
        );
    }
}
