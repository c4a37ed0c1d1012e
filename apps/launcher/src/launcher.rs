//! `rectify up`: keys, every service on its own port and SQLite file, health, tokens, the demo,
//! then running until a signal and draining every service.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use rectify_campaign::{Campaign, HUACHUAN_2021, ServiceName};
use rectify_dashboard::coordinator::CoordinatorSettings;
use rectify_demo::DemoOutcome;
use rectify_kit::auth::{Credentials, Issuer};
use rectify_kit::clock::Clock;
use rectify_kit::service::ServiceArgs;
use rectify_kit::tls::ClientTls;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tonic::transport::Channel;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

use crate::cli::UpOptions;
use crate::dashboard::DashboardEndpoint;
use crate::keys::{DEV_ISSUER, dev_issuer};
use crate::services::{
    ENVIRONMENT, LAND, LICENSING, REGISTRY, SAFETY, SERVICES, ServiceSpec, ServiceStart, UTILITIES,
};
use crate::tls::LauncherTls;
use crate::tokens::{COORDINATOR, Tokens};

/// Longest a service may take to report SERVING.
const READY_TIMEOUT: Duration = Duration::from_secs(60);
/// Pause between health checks while waiting.
const READY_POLL: Duration = Duration::from_millis(50);
/// Pool size of each embedded database (SQLite allows one writer anyway).
const DB_MAX_CONNECTIONS: u32 = 8;

/// Where one running service answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceEndpoint {
    /// The service's name, e.g. `registry`.
    pub name: &'static str,
    /// What it is, in Chinese.
    pub title_zh: &'static str,
    /// The address it is bound to.
    pub addr: SocketAddr,
    /// How the launcher reaches it over TLS (`--tls`); plain when `None`.
    pub tls: Option<ClientTls>,
}

impl ServiceEndpoint {
    /// The address a client on this machine dials (loopback when bound to every interface).
    pub fn client_addr(&self) -> SocketAddr {
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        SocketAddr::new(ip, self.addr.port())
    }

    /// Where a client on this machine calls it: `https://…` with `--tls`, else `http://…`.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.client_addr())
    }

    /// A lazily connecting channel to the service.
    pub fn channel(&self) -> anyhow::Result<Channel> {
        let tls = self.tls.clone().unwrap_or_default();
        Ok(tls.endpoint(self.name, &self.url())?.connect_lazy())
    }
}

/// A started launcher: every service SERVING, tokens minted, the demo loaded if asked.
#[derive(Debug)]
pub struct Running {
    /// The data directory, absolute.
    pub data_dir: PathBuf,
    /// Where each service answers, in start order.
    pub endpoints: Vec<ServiceEndpoint>,
    /// A token per party, also written to `tokens.txt`.
    pub tokens: Tokens,
    /// What `--demo` did; `None` without it.
    pub demo: Option<DemoOutcome>,
    /// The dashboard (网页端).
    pub dashboard: DashboardEndpoint,
    /// The certificates, with `--tls` or `--mtls`.
    pub tls: Option<LauncherTls>,
    services: Services,
}

impl Running {
    /// Where the service `name` answers.
    pub fn endpoint(&self, name: &str) -> Option<&ServiceEndpoint> {
        self.endpoints.iter().find(|e| e.name == name)
    }

    /// Path of the token file.
    pub fn tokens_file(&self) -> PathBuf {
        tokens_file(&self.data_dir)
    }

    /// Cancels every service and waits until each has drained.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        self.services.shutdown().await
    }
}

/// The spawned service tasks and the token that stops them all.
#[derive(Debug)]
struct Services {
    stop: CancellationToken,
    tasks: Vec<(&'static str, JoinHandle<anyhow::Result<()>>)>,
}

impl Services {
    async fn shutdown(self) -> anyhow::Result<()> {
        self.stop.cancel();
        let mut failed = Vec::new();
        for (name, task) in self.tasks {
            let outcome = task
                .await
                .with_context(|| format!("{name} task panicked"))
                .and_then(|result| result);
            if let Err(error) = outcome {
                tracing::error!(
                    service = name,
                    error = format!("{error:#}"),
                    "service failed"
                );
                failed.push(name);
            }
        }
        if !failed.is_empty() {
            bail!("services stopped with an error: {}", failed.join(", "));
        }
        tracing::info!("every service stopped");
        Ok(())
    }
}

/// `DIR/tokens.txt`.
pub fn tokens_file(data_dir: &Path) -> PathBuf {
    data_dir.join("tokens.txt")
}

/// Starts everything `options` asks for and returns once it is ready; on any failure the services
/// already started are stopped again.
pub async fn start(options: &UpOptions) -> anyhow::Result<Running> {
    std::fs::create_dir_all(&options.data_dir).with_context(|| {
        format!(
            "cannot create data directory {}",
            options.data_dir.display()
        )
    })?;
    let data_dir = options
        .data_dir
        .canonicalize()
        .with_context(|| format!("cannot resolve {}", options.data_dir.display()))?;
    let (issuer, keys) = dev_issuer(&data_dir.join("keys"))?;
    let tls = match options.tls || options.mtls {
        true => Some(LauncherTls::prepare(
            &data_dir.join("tls"),
            options.host,
            options.mtls,
        )?),
        false => None,
    };
    let campaign = Campaign::from_toml_str(HUACHUAN_2021).context("built-in campaign")?;

    let mut services = Services {
        stop: CancellationToken::new(),
        tasks: Vec::new(),
    };
    let followers: Vec<_> = SERVICES
        .iter()
        .filter(|s| s.follows_registry && s.name != COORDINATOR)
        .map(|s| (s.name, s.title_zh))
        .collect();
    let tokens = Tokens::mint(&issuer, &campaign, &followers)?;
    let issuer = Arc::new(issuer);
    // One clock shared by every service (clones share its setting), and by the demo.
    let clock = options.clock();
    let mut endpoints: Vec<ServiceEndpoint> = Vec::new();
    for spec in SERVICES {
        let peers = Peers {
            started: &endpoints,
            issuer: &issuer,
            tls: tls.as_ref(),
            clock: clock.clone(),
        };
        match spawn(spec, options, &data_dir, &keys.jwks, &peers, &services.stop).await {
            Ok((endpoint, task)) => {
                endpoints.push(endpoint);
                services.tasks.push((spec.name, task));
            }
            Err(error) => return Err(abandon(services, error).await),
        }
    }
    let ready = async {
        for (endpoint, (_, task)) in endpoints.iter().zip(&services.tasks) {
            wait_serving(endpoint, task).await?;
        }
        tokens.write_file(&tokens_file(&data_dir))?;
        let demo = match options.demo {
            false => None,
            true => Some(load_demo(&endpoints, &tokens, &campaign, &clock).await?),
        };
        anyhow::Ok((tokens, demo))
    };
    let (tokens, demo) = match ready.await {
        Ok(ready) => ready,
        Err(error) => return Err(abandon(services, error).await),
    };
    let registry = endpoints
        .iter()
        .find(|e| e.name == REGISTRY.name)
        .context("the dashboard reads the registry, which starts first")?;
    let coordinator = endpoints
        .iter()
        .find(|e| e.name == COORDINATOR)
        .context("the dashboard reads the coordinator")?;
    // The dashboard calls the coordinator as the office, which signs off.
    let coordinator = CoordinatorSettings {
        url: format!("http://{}", coordinator.client_addr()),
        token: tokens.require("office")?.to_owned().into(),
    };
    let registry_token = crate::tokens::dashboard_token(&issuer)?;
    let stop = services.stop.child_token();
    let started = crate::dashboard::spawn(
        options,
        &data_dir,
        crate::dashboard::Reads {
            registry,
            coordinator,
            registry_token,
        },
        Arc::new(campaign),
        clock,
        stop,
    )
    .await;
    match started {
        Ok((dashboard, task)) => {
            services.tasks.push(("dashboard", task));
            Ok(Running {
                data_dir,
                endpoints,
                tokens,
                demo,
                dashboard,
                tls,
                services,
            })
        }
        Err(error) => Err(abandon(services, error).await),
    }
}

/// Loads the demo through the services just started, as their parties.
async fn load_demo(
    endpoints: &[ServiceEndpoint],
    tokens: &Tokens,
    campaign: &Campaign,
    clock: &Clock,
) -> anyhow::Result<DemoOutcome> {
    let channel = |name: &str| {
        endpoints
            .iter()
            .find(|e| e.name == name)
            .with_context(|| format!("the demo needs the {name} service"))?
            .channel()
    };
    let channels = rectify_demo::Channels {
        registry: channel(REGISTRY.name)?,
        utilities: channel(UTILITIES.name)?,
        licensing: channel(LICENSING.name)?,
        land: channel(LAND.name)?,
        safety: channel(SAFETY.name)?,
        environment: channel(ENVIRONMENT.name)?,
    };
    let token = |party: &str| tokens.require(party).map(str::to_owned);
    rectify_demo::load(&channels, &token, campaign, clock).await
}

/// Stops what was started and returns the error that made us give up.
async fn abandon(services: Services, error: anyhow::Error) -> anyhow::Error {
    if let Err(stopping) = services.shutdown().await {
        tracing::warn!(
            error = format!("{stopping:#}"),
            "while stopping after a failed start"
        );
    }
    error
}

/// What a service learns of the others: where each service started before it answers, its own
/// token, the clock.
struct Peers<'a> {
    started: &'a [ServiceEndpoint],
    /// The development issuer: each service's own tokens are minted with it, short-lived and
    /// renewed, so a launcher left running for weeks keeps following.
    issuer: &'a Arc<Issuer>,
    /// With `--tls`: what every service serves with and trusts.
    tls: Option<&'a LauncherTls>,
    clock: Clock,
}

/// Lifetime of each token a service presents to another, renewed before it ends.
const SERVICE_TOKEN_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// Binds the service's port and runs it on its own SQLite file.
async fn spawn(
    spec: &ServiceSpec,
    options: &UpOptions,
    data_dir: &Path,
    jwks: &Path,
    peers: &Peers<'_>,
    stop: &CancellationToken,
) -> anyhow::Result<(ServiceEndpoint, JoinHandle<anyhow::Result<()>>)> {
    let wanted = SocketAddr::new(options.host, options.ports.port(spec));
    let listener = TcpListener::bind(wanted).await.with_context(|| {
        format!(
            "{} cannot listen on {wanted} (port in use? choose another with --{})",
            spec.name, spec.port_flag
        )
    })?;
    let addr = listener.local_addr()?;
    let database = data_dir.join(format!("{}.db", spec.name));
    let mut args =
        ServiceArgs::embedded(&format!("sqlite:{}", database.display()), jwks.to_owned())?;
    args.service.db_max_connections = DB_MAX_CONNECTIONS;
    args.service.token_issuer = DEV_ISSUER.to_owned();
    args.clock = peers.clock.clone();
    if let Some(tls) = peers.tls {
        tls.configure(&mut args);
    }
    if spec.follows_registry {
        if !peers.started.iter().any(|e| e.name == REGISTRY.name) {
            bail!("{} follows the registry, which starts first", spec.name);
        }
        for peer in peers.started {
            if let Some(name) = ServiceName::parse(peer.name) {
                args.set_url_of(name, peer.url());
            }
        }
        args.service_credentials = Some(Credentials::minted(
            peers.issuer.clone(),
            spec.name,
            SERVICE_TOKEN_LIFETIME,
        ));
    }
    let start = ServiceStart {
        args,
        listener,
        stop: stop.child_token(),
    };
    tracing::info!(service = spec.name, %addr, database = %database.display(), "starting");
    let task = tokio::spawn((spec.run)(start));
    let endpoint = ServiceEndpoint {
        name: spec.name,
        title_zh: spec.title_zh,
        addr,
        tls: peers.tls.map(LauncherTls::client).transpose()?,
    };
    Ok((endpoint, task))
}

/// Waits until the service's health says SERVING, failing early if its task ends.
async fn wait_serving(
    endpoint: &ServiceEndpoint,
    task: &JoinHandle<anyhow::Result<()>>,
) -> anyhow::Result<()> {
    let mut health = HealthClient::new(endpoint.channel()?);
    let deadline = tokio::time::Instant::now() + READY_TIMEOUT;
    loop {
        if task.is_finished() {
            bail!(
                "{} stopped before it was ready (see the log above)",
                endpoint.name
            );
        }
        let answer = health
            .check(HealthCheckRequest {
                service: String::new(),
            })
            .await;
        if matches!(&answer, Ok(r) if r.get_ref().status() == ServingStatus::Serving) {
            tracing::info!(service = endpoint.name, addr = %endpoint.addr, "serving");
            return Ok(());
        }
        if tokio::time::Instant::now() >= deadline {
            bail!(
                "{} at {} was not SERVING after {READY_TIMEOUT:?}",
                endpoint.name,
                endpoint.addr
            );
        }
        tokio::time::sleep(READY_POLL).await;
    }
}

/// `rectify up`: starts, prints the endpoints and tokens, runs until Ctrl-C or SIGTERM, drains.
pub async fn up(options: UpOptions) -> anyhow::Result<()> {
    let running = start(&options).await?;
    println!("{}", crate::banner::render(&running));
    rectify_kit::host::shutdown_signal().await;
    running.shutdown().await
}
