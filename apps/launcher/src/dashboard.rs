//! The dashboard (网页端) in `rectify up`: on its own port and its own SQLite file, reading the
//! registry's public list and the coordinator's projections (with the office's token, as the
//! office signs off), following the coordinator's progress into live updates, with a first
//! administrator made on the first start.
//!
//! Why the launcher makes that user: whoever tries the embedded system opens the printed
//! address next, and expects to log in there and then. So when the dashboard has no user at all,
//! `admin` (an office user) is made with a generated one-time password, printed once in the
//! banner and kept in `DIR/dashboard-admin.txt` (owner-only); the first login must change it.
//! Further users come from `rectifyctl dashboard-user add`. The password is not put in
//! `tokens.txt`, whose `party=token` lines scripts read as tokens.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use rectify_campaign::Campaign;
use rectify_dashboard::coordinator::CoordinatorSettings;
use rectify_dashboard::{DashboardConfig, LiveEvents, Store, users};
use rectify_kit::clock::Clock;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::cli::UpOptions;
use crate::launcher::ServiceEndpoint;

/// The started dashboard.
#[derive(Debug)]
pub struct DashboardEndpoint {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Set on the start that made the first administrator: their one-time password.
    pub initial_password: Option<String>,
    /// Where the one-time password is kept.
    pub admin_file: PathBuf,
    /// What the coordinator's progress is published into; open pages receive it.
    pub live: LiveEvents,
}

impl DashboardEndpoint {
    /// The address a browser on this machine opens.
    pub fn url(&self) -> String {
        let endpoint = ServiceEndpoint {
            name: "dashboard",
            title_zh: "网页端",
            addr: self.addr,
            tls: None,
        };
        format!("http://{}", endpoint.client_addr())
    }
}

/// `DIR/dashboard.db`.
pub fn database_file(data_dir: &Path) -> PathBuf {
    data_dir.join("dashboard.db")
}

/// `DIR/dashboard-admin.txt`.
pub fn admin_file(data_dir: &Path) -> PathBuf {
    data_dir.join("dashboard-admin.txt")
}

/// What the dashboard reads and writes through: the registry (public list; ledger and survey
/// import under `registry_token`) and the coordinator with its settings.
#[derive(Debug)]
pub struct Reads<'a> {
    pub registry: &'a ServiceEndpoint,
    pub coordinator: CoordinatorSettings,
    /// The dashboard's own office token (subject `dashboard`) for the ledger and the import.
    pub registry_token: String,
}

/// Binds the dashboard's port, opens its database (making the first administrator if it has
/// no user), and runs it until `stop`.
pub async fn spawn(
    options: &UpOptions,
    data_dir: &Path,
    reads: Reads<'_>,
    campaign: Arc<Campaign>,
    clock: Clock,
    stop: CancellationToken,
) -> anyhow::Result<(DashboardEndpoint, JoinHandle<anyhow::Result<()>>)> {
    let wanted = SocketAddr::new(options.host, options.ports.dashboard());
    let listener = TcpListener::bind(wanted).await.with_context(|| {
        format!("the dashboard cannot listen on {wanted} (port in use? choose another with --dashboard-port)")
    })?;
    let addr = listener.local_addr()?;
    let database = database_file(data_dir);
    let store = Store::open(&format!("sqlite:{}", database.display())).await?;
    let initial_password = users::ensure_initial_admin(&store, clock.now()).await?;
    let admin_file = admin_file(data_dir);
    if let Some(password) = &initial_password {
        write_admin_file(&admin_file, password)?;
    }
    let mut config = DashboardConfig::new(campaign);
    if reads.registry.tls.is_some() {
        tracing::warn!(
            "the dashboard reads the registry and the coordinator over plain gRPC and cannot \
             reach them while the services serve TLS (--tls): its pages stay empty"
        );
    }
    config.registry_url = Some(format!("http://{}", reads.registry.client_addr()));
    config.coordinator = Some(reads.coordinator);
    config.registry_token = Some(reads.registry_token.into());
    config.clock = clock;
    let live = LiveEvents::new();
    tracing::info!(%addr, database = %database.display(), "starting dashboard");
    let task = tokio::spawn(rectify_dashboard::serve(
        listener,
        config,
        store,
        live.clone(),
        stop,
    ));
    let endpoint = DashboardEndpoint {
        addr,
        initial_password,
        admin_file,
        live,
    };
    Ok((endpoint, task))
}

/// Writes the first administrator's login and one-time password, readable by the owner only.
fn write_admin_file(path: &Path, password: &str) -> anyhow::Result<()> {
    let text = format!(
        "# 网页端首位管理员 (the dashboard's first administrator); 一次性密码，首次登录须修改\n\
         # (one-time password: the first login must change it; add users with rectifyctl dashboard-user add)\n\
         login={}\npassword={password}\n",
        users::INITIAL_ADMIN
    );
    crate::private_file::write(path, &text)
}
