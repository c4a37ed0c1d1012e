//! The command line: subcommands, their flags and the environment variables
//! that may stand in for them.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rectify_kit::auth::{PartyKind, SERVICE_AUDIENCES};
use rectify_kit::journal::Anchor;

use crate::token::{parse_audience, parse_ttl};

/// Admin tool for rectify: issuer keys, tokens, change feeds and the audit chain.
#[derive(Parser, Debug)]
#[command(name = "rectifyctl", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// What `rectifyctl` is asked to do.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Manage the token issuer's key pair.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Mint a token with the issuer's private key and print it, alone, on stdout.
    Token(TokenArgs),
    /// Read a service's change feed.
    #[command(subcommand)]
    Feed(FeedCommand),
    /// Check a service's hash-chained audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Manage the dashboard's users (网页端用户). Passwords are read from stdin or a prompt,
    /// never from the command line.
    #[command(subcommand, name = "dashboard-user")]
    DashboardUser(DashboardUserCommand),
    /// Health check for a container: exit 0 when the service's gRPC health is SERVING (or,
    /// with --http, when the page answers 200), 1 otherwise.
    Probe(ProbeArgs),
    /// Make the county's TLS certificates: a CA, a certificate per service, client
    /// certificates for mutual TLS.
    #[command(subcommand)]
    Tls(TlsCommand),
}

/// `rectifyctl probe`.
#[derive(Args, Debug)]
pub struct ProbeArgs {
    /// gRPC endpoint to ask; without it, the port of RECTIFY_LISTEN on 127.0.0.1 (the
    /// service's own setting inside its container).
    #[arg(long, conflicts_with = "http")]
    pub endpoint: Option<String>,
    /// The service's listen address, when no endpoint is given.
    #[arg(long, env = "RECTIFY_LISTEN", hide = true)]
    pub listen: Option<String>,
    /// The gRPC service whose health is asked; the whole server when empty.
    #[arg(long, default_value = "")]
    pub service: String,
    /// Fetch this http:// URL instead and expect 200 (the dashboard).
    #[arg(long, value_name = "URL")]
    pub http: Option<String>,
    /// The CA, and a client certificate, for an https:// --endpoint.
    #[command(flatten)]
    pub tls: ClientTlsArgs,
    /// Inside a service's container, its own TLS settings: with RECTIFY_TLS_CERT the service
    /// serves TLS alone, so the probe asks https://127.0.0.1:<port>, trusting RECTIFY_TLS_CA and
    /// presenting the service's own certificate (accepted under mutual TLS too).
    #[command(flatten)]
    pub service_tls: ServiceTlsEnv,
}

/// A service's own TLS settings as its container's environment gives them, read by `probe`
/// (named apart from `ClientTlsArgs`' ids, which the same command flattens).
#[derive(Args, Debug, Default)]
pub struct ServiceTlsEnv {
    /// The service's certificate (PEM), when it serves TLS.
    #[arg(long, env = "RECTIFY_TLS_CERT", hide = true)]
    pub service_tls_cert: Option<PathBuf>,
    /// The service's private key (PEM).
    #[arg(long, env = "RECTIFY_TLS_KEY", hide = true)]
    pub service_tls_key: Option<PathBuf>,
    /// The CA the service's certificate is verified with.
    #[arg(long, env = "RECTIFY_TLS_CA", hide = true)]
    pub service_tls_ca: Option<PathBuf>,
}

/// `rectifyctl tls …`.
#[derive(Subcommand, Debug)]
pub enum TlsCommand {
    /// Make a county CA in a directory and a server certificate for every service (valid for
    /// the service's name, localhost, 127.0.0.1 and each --host); never overwrites keys.
    Init(TlsInitArgs),
    /// Issue a client certificate (for mutual TLS) to a bureau system or township with the CA
    /// in the directory.
    Client(TlsClientArgs),
}

/// `rectifyctl tls init`.
#[derive(Args, Debug)]
pub struct TlsInitArgs {
    /// Directory for ca.pem (public), ca-key.pem (secret) and a <service>.pem with
    /// <service>-key.pem per service; created if missing.
    #[arg(long)]
    pub dir: PathBuf,
    /// Another name or address the services are reached at (e.g. the intranet host name or
    /// its IP address); repeat for several.
    #[arg(long = "host", value_name = "NAME")]
    pub hosts: Vec<String>,
}

/// `rectifyctl tls client`.
#[derive(Args, Debug)]
pub struct TlsClientArgs {
    /// Directory written by `rectifyctl tls init`.
    #[arg(long)]
    pub dir: PathBuf,
    /// Who the certificate is for (its common name), e.g. `water` or `yuelai`.
    #[arg(long)]
    pub name: String,
}

/// `rectifyctl keys …`.
#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Generate a new Ed25519 issuer key pair in a directory; never overwrites existing keys.
    Init(KeysInitArgs),
    /// Give a service its own signing key: written to DIR/service-<name>.pem (for that service
    /// alone, RECTIFY_SERVICE_KEY_FILE) and published in DIR/jwks.json under a kid naming the
    /// service, so the service mints and renews its own tokens. Run again to rotate: the old
    /// key stays published until you remove it from jwks.json.
    Service(KeysServiceArgs),
}

/// `rectifyctl keys service`.
#[derive(Args, Debug)]
pub struct KeysServiceArgs {
    /// Directory written by `rectifyctl keys init`.
    #[arg(long)]
    pub dir: PathBuf,
    /// The service: registry, licensing, utilities, land, safety, environment or coordinator.
    #[arg(long, value_parser = parse_audience)]
    pub name: String,
    /// Issuer name put in its tokens (`iss`), as for `keys init`.
    #[arg(long, default_value = "rectify")]
    pub issuer: String,
}

/// `rectifyctl keys init`.
#[derive(Args, Debug)]
pub struct KeysInitArgs {
    /// Directory for issuer.pem (private), issuer.json and jwks.json (public); created if missing.
    #[arg(long)]
    pub dir: PathBuf,
    /// Issuer name put in every token (`iss`); services expect `rectify` unless configured otherwise.
    #[arg(long, default_value = "rectify")]
    pub issuer: String,
}

/// `rectifyctl token`.
#[derive(Args, Debug)]
pub struct TokenArgs {
    /// Directory written by `rectifyctl keys init`.
    #[arg(long)]
    pub keys: PathBuf,
    /// Code of the party the token acts for, e.g. `office`, `water`, a township code.
    #[arg(long)]
    pub party: String,
    /// Kind of that party.
    #[arg(long, value_enum)]
    pub kind: KindArg,
    /// A role within the party; repeat for several.
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<String>,
    /// A service the token is for; repeat the flag or separate names with commas for several.
    /// Without it the token is for every service.
    #[arg(
        long = "audience",
        value_name = "SERVICE",
        value_delimiter = ',',
        value_parser = parse_audience,
        default_values = SERVICE_AUDIENCES
    )]
    pub audiences: Vec<String>,
    /// How long the token stays valid: a number followed by s, m, h or d.
    #[arg(long, default_value = "8h", value_parser = parse_ttl)]
    pub ttl: Duration,
    /// The person or account the token names (`sub`); recorded as actor `party/subject`.
    #[arg(long, default_value = "rectifyctl")]
    pub subject: String,
}

/// The kind of party, as typed on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Bureau,
    Jurisdiction,
    Office,
    Service,
    Supervision,
}

impl From<KindArg> for PartyKind {
    fn from(kind: KindArg) -> PartyKind {
        match kind {
            KindArg::Bureau => PartyKind::Bureau,
            KindArg::Jurisdiction => PartyKind::Jurisdiction,
            KindArg::Office => PartyKind::Office,
            KindArg::Service => PartyKind::Service,
            KindArg::Supervision => PartyKind::Supervision,
        }
    }
}

/// Where a service is and the token to call it with.
#[derive(Args, Debug)]
pub struct Connection {
    /// gRPC endpoint of the service.
    #[arg(
        long,
        env = "RECTIFYCTL_ENDPOINT",
        default_value = "http://127.0.0.1:50051"
    )]
    pub endpoint: String,
    /// Bearer token, e.g. from `rectifyctl token`; the office's or a service's for a feed.
    #[arg(long, env = "RECTIFYCTL_TOKEN", hide_env_values = true)]
    pub token: String,
    #[command(flatten)]
    pub tls: ClientTlsArgs,
}

/// TLS for an `https://` endpoint.
#[derive(Args, Debug, Default)]
pub struct ClientTlsArgs {
    /// The county CA (PEM) to verify an https:// endpoint with, e.g. tls/ca.pem.
    #[arg(long, env = "RECTIFYCTL_CA")]
    pub ca: Option<PathBuf>,
    /// A client certificate (PEM) for a service requiring mutual TLS.
    #[arg(long, env = "RECTIFYCTL_CERT", requires = "key")]
    pub cert: Option<PathBuf>,
    /// The private key (PEM) of --cert.
    #[arg(long, env = "RECTIFYCTL_KEY", requires = "cert")]
    pub key: Option<PathBuf>,
}

impl ClientTlsArgs {
    /// The files read.
    pub fn load(&self) -> anyhow::Result<rectify_kit::tls::ClientTls> {
        rectify_kit::tls::ClientTls::from_files(
            self.ca.as_deref(),
            self.cert.as_deref(),
            self.key.as_deref(),
        )
    }
}

/// `rectifyctl feed …`.
#[derive(Subcommand, Debug)]
pub enum FeedCommand {
    /// Print changes, one tab-separated line each: seq, time, actor, action, resource, request_id.
    Tail(TailArgs),
}

/// `rectifyctl feed tail`.
#[derive(Args, Debug)]
pub struct TailArgs {
    #[command(flatten)]
    pub connection: Connection,
    /// Start after this sequence number (0: from the beginning).
    #[arg(long, default_value_t = 0)]
    pub after: i64,
    /// Keep following new changes until interrupted.
    #[arg(long)]
    pub follow: bool,
    /// Also print each change's event, decoded as JSON, as a last column.
    #[arg(long)]
    pub json: bool,
}

/// `rectifyctl audit …`.
#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Verify the service's audit hash chain against its head.
    ///
    /// Exit status: 0 when the chain is intact, 1 when it is broken (altered,
    /// deleted or truncated entries), 2 when it could not be checked.
    Verify(VerifyArgs),
}

/// `rectifyctl audit verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub connection: Connection,
    /// The head an earlier intact verification printed, as `SEQ:HASH` (it prints
    /// `--expect-head SEQ:HASH` ready to paste). Catches a deleted tail even when the head row
    /// was rewritten to match, and any rewrite up to that entry.
    #[arg(long, value_name = "SEQ:HASH", conflicts_with = "anchor_from")]
    pub expect_head: Option<Anchor>,
    /// Check the chain against the head the coordinator recorded as it followed this
    /// service's feed (`CoordinatorService.GetAuditAnchors` at this endpoint, e.g.
    /// http://127.0.0.1:50050): a deleted tail with a rewritten head row is caught, and the
    /// missing entries named.
    #[arg(long, value_name = "URL", requires = "anchor_service")]
    pub anchor_from: Option<String>,
    /// The name of the service whose chain is checked, as the coordinator follows it
    /// (`registry`, `utilities`, `licensing`, `land`, `safety`, `environment`).
    #[arg(long, value_name = "SERVICE", requires = "anchor_from")]
    pub anchor_service: Option<String>,
    /// Token for the coordinator (the office's or supervision's); `--token` when not given.
    #[arg(long, env = "RECTIFYCTL_ANCHOR_TOKEN", hide_env_values = true)]
    pub anchor_token: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_party_kind_can_be_typed() {
        for kind in PartyKind::ALL {
            let arg = KindArg::from_str(kind.as_str(), false).expect("kind parses");
            assert_eq!(PartyKind::from(arg), kind, "--kind {kind}");
        }
    }
}

/// The dashboard's own database.
#[derive(Args, Debug)]
pub struct DashboardDatabase {
    /// The dashboard's database: postgres://… or sqlite:path/to/dashboard.db (with `rectify up`,
    /// `sqlite:DATA_DIR/dashboard.db`).
    #[arg(long, env = "RECTIFY_DASHBOARD_DATABASE_URL", hide_env_values = true)]
    pub database_url: String,
}

/// `rectifyctl dashboard-user …`.
#[derive(Subcommand, Debug)]
pub enum DashboardUserCommand {
    /// Add a user; the password (read from stdin, or prompted for twice on a terminal) must be
    /// changed at the first login.
    Add(DashboardUserAddArgs),
    /// Set a new password for a user (to be changed at the next login); lifts a lockout and
    /// ends the user's sessions.
    Passwd(DashboardUserArgs),
    /// Lift a lockout after repeated wrong passwords.
    Unlock(DashboardUserArgs),
    /// List the users, one tab-separated line each: login, name, role, state, created.
    List(DashboardDatabase),
}

/// `rectifyctl dashboard-user add`.
#[derive(Args, Debug)]
pub struct DashboardUserAddArgs {
    #[command(flatten)]
    pub database: DashboardDatabase,
    /// The login name: letters, digits, `.`, `_`, `-`.
    #[arg(long)]
    pub login: String,
    /// The name pages show, e.g. 李四.
    #[arg(long)]
    pub name: String,
    /// `office` (领导小组办公室) or `government` (县政府、督导).
    #[arg(long, value_parser = parse_role)]
    pub role: rectify_dashboard::Role,
}

/// `rectifyctl dashboard-user passwd|unlock`.
#[derive(Args, Debug)]
pub struct DashboardUserArgs {
    #[command(flatten)]
    pub database: DashboardDatabase,
    /// The user's login name.
    #[arg(long)]
    pub login: String,
}

fn parse_role(value: &str) -> Result<rectify_dashboard::Role, String> {
    value.parse()
}
