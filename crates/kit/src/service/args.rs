//! The flags and environment every service binary takes.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rectify_campaign::{Campaign, HUACHUAN_2021, ServiceName};

use std::time::Duration;

use crate::auth::Credentials;
use crate::clock::Clock;
use crate::config::ServiceConfig;
use crate::peer::Outbound;
use crate::telemetry::TelemetryConfig;
use crate::tls::TlsArgs;

/// A bearer token given in configuration; never shown in `Debug`.
#[derive(Clone, Default)]
pub struct SecretToken(String);

impl SecretToken {
    /// The token, for sending only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl FromStr for SecretToken {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.trim().to_owned()))
    }
}

impl From<String> for SecretToken {
    fn from(token: String) -> Self {
        Self(token)
    }
}

impl fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretToken(***)")
    }
}

/// Settings of any service binary (`<service> --help`).
#[derive(clap::Args, Clone, Debug)]
pub struct ServiceArgs {
    /// Address to listen on; 0.0.0.0 and the service's own port when not given.
    #[arg(long, env = "RECTIFY_LISTEN")]
    pub listen: Option<SocketAddr>,
    /// Campaign file (TOML); the built-in Huachuan 2021 campaign when not given.
    #[arg(long, env = "RECTIFY_CAMPAIGN")]
    pub campaign: Option<PathBuf>,
    /// The registry's gRPC endpoint, for services that follow its feed
    /// (e.g. http://registry:50051).
    #[arg(long, env = "RECTIFY_REGISTRY_URL")]
    pub registry_url: Option<String>,
    /// The utilities service's gRPC endpoint, for services that follow its
    /// feed (e.g. http://utilities:50053); optional.
    #[arg(long, env = "RECTIFY_UTILITIES_URL")]
    pub utilities_url: Option<String>,
    /// The licensing service's gRPC endpoint, for services that follow its
    /// feed (e.g. http://licensing:50052); optional.
    #[arg(long, env = "RECTIFY_LICENSING_URL")]
    pub licensing_url: Option<String>,
    /// The land service's gRPC endpoint, for services that follow its feed
    /// (e.g. http://land:50054); optional.
    #[arg(long, env = "RECTIFY_LAND_URL")]
    pub land_url: Option<String>,
    /// The safety service's gRPC endpoint, for services that follow its feed
    /// (e.g. http://safety:50055); optional.
    #[arg(long, env = "RECTIFY_SAFETY_URL")]
    pub safety_url: Option<String>,
    /// The environment service's gRPC endpoint, for services that follow its
    /// feed (e.g. http://environment:50056); optional.
    #[arg(long, env = "RECTIFY_ENVIRONMENT_URL")]
    pub environment_url: Option<String>,
    /// This service's own token (party kind `service`), sent when it calls
    /// another service or reads its feed.
    /// A fixed token stops working when it expires: prefer `--service-key`.
    #[arg(long, env = "RECTIFY_SERVICE_TOKEN", hide_env_values = true)]
    pub service_token: Option<SecretToken>,
    /// A file holding this service's own token, read once at start (e.g. a
    /// docker secret); instead of RECTIFY_SERVICE_TOKEN.
    #[arg(
        long,
        env = "RECTIFY_SERVICE_TOKEN_FILE",
        conflicts_with = "service_token"
    )]
    pub service_token_file: Option<PathBuf>,
    /// This service's own signing key (Ed25519, PKCS#8 PEM, from `rectifyctl keys service`),
    /// whose public half is in the key set under a kid naming this service: the service mints
    /// its own short-lived tokens with it and renews them before they expire. Preferred over
    /// `--service-token`.
    #[arg(long, env = "RECTIFY_SERVICE_KEY_FILE")]
    pub service_key: Option<PathBuf>,
    /// Lifetime of each token minted with `--service-key`, in seconds.
    #[arg(
        long,
        env = "RECTIFY_SERVICE_TOKEN_LIFETIME_SECS",
        default_value_t = 600
    )]
    pub service_token_lifetime_secs: u64,
    /// Credentials given in code (the launcher, tests), before `--service-key` and
    /// `--service-token`.
    #[arg(skip)]
    pub service_credentials: Option<Credentials>,
    /// This service's name, set by `App::build`.
    #[arg(skip)]
    pub name: String,
    #[command(flatten)]
    pub tls: TlsArgs,
    /// Start the service's clock at this instant (RFC 3339, e.g.
    /// 2021-10-15T09:00:00+08:00) instead of now; time flows on from there.
    /// For a demo or a trial inside a campaign's dates.
    #[arg(long = "clock-start", env = "RECTIFY_CLOCK_START", value_parser = parse_clock, default_value = "now")]
    pub clock: Clock,
    #[command(flatten)]
    pub service: ServiceConfig,
    #[command(flatten)]
    pub telemetry: TelemetryConfig,
}

impl ServiceArgs {
    /// Arguments for a service on `database_url` verifying tokens with `jwks`,
    /// listening wherever the caller's listener is: the launcher and tests.
    pub fn embedded(database_url: &str, jwks: PathBuf) -> anyhow::Result<Self> {
        Ok(Self {
            listen: None,
            campaign: None,
            registry_url: None,
            utilities_url: None,
            licensing_url: None,
            land_url: None,
            safety_url: None,
            environment_url: None,
            service_token: None,
            service_token_file: None,
            service_key: None,
            service_token_lifetime_secs: 600,
            service_credentials: None,
            name: String::new(),
            tls: TlsArgs::default(),
            clock: Clock::system(),
            service: ServiceConfig::new(database_url, jwks)?,
            telemetry: TelemetryConfig::default(),
        })
    }

    /// Reads the token file, if one was given, into `service_token`.
    pub fn read_token_file(&mut self) -> anyhow::Result<()> {
        if let Some(path) = &self.service_token_file {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the service token {}", path.display()))?;
            let token: SecretToken = text.parse()?;
            anyhow::ensure!(
                !token.expose().is_empty(),
                "the service token file {} is empty",
                path.display()
            );
            self.service_token = Some(token);
        }
        Ok(())
    }

    /// The campaign the service runs: the file given, else the built-in
    /// Huachuan 2021 campaign.
    pub fn load_campaign(&self) -> anyhow::Result<Campaign> {
        match &self.campaign {
            Some(path) => Campaign::load(path)
                .with_context(|| format!("cannot load campaign {}", path.display())),
            None => Campaign::from_toml_str(HUACHUAN_2021).context("built-in campaign"),
        }
    }

    /// The endpoint given for the service `name` (`RECTIFY_{NAME}_URL`), if any.
    pub fn url_of(&self, name: ServiceName) -> Option<&str> {
        match name {
            ServiceName::Registry => self.registry_url.as_deref(),
            ServiceName::Utilities => self.utilities_url.as_deref(),
            ServiceName::Licensing => self.licensing_url.as_deref(),
            ServiceName::Land => self.land_url.as_deref(),
            ServiceName::Safety => self.safety_url.as_deref(),
            ServiceName::Environment => self.environment_url.as_deref(),
            ServiceName::Coordinator => None,
        }
    }

    /// Sets the endpoint of the service `name` (ignored for the coordinator, which no service
    /// follows).
    pub fn set_url_of(&mut self, name: ServiceName, url: String) {
        let slot = match name {
            ServiceName::Registry => &mut self.registry_url,
            ServiceName::Utilities => &mut self.utilities_url,
            ServiceName::Licensing => &mut self.licensing_url,
            ServiceName::Land => &mut self.land_url,
            ServiceName::Safety => &mut self.safety_url,
            ServiceName::Environment => &mut self.environment_url,
            ServiceName::Coordinator => return,
        };
        *slot = Some(url);
    }

    /// How this service reaches others: its credentials (given in code, else minted from
    /// `--service-key`, else the fixed `--service-token`) and its TLS client settings. `None`
    /// when it has no credentials.
    pub fn outbound(&self) -> anyhow::Result<Option<Outbound>> {
        let credentials = if let Some(credentials) = &self.service_credentials {
            credentials.clone()
        } else if let Some(path) = &self.service_key {
            let pem = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read service key {}", path.display()))?;
            Credentials::from_service_key(
                &pem,
                &self.name,
                &self.service.token_issuer,
                Duration::from_secs(self.service_token_lifetime_secs),
            )
            .with_context(|| format!("cannot use service key {}", path.display()))?
        } else if let Some(token) = &self.service_token {
            Credentials::fixed(token.expose())
        } else {
            return Ok(None);
        };
        Ok(Some(Outbound {
            credentials,
            tls: self.tls.client()?,
        }))
    }

    /// The endpoint of the service `name` and how to reach it, when both are configured.
    pub fn peer_of(&self, name: ServiceName) -> anyhow::Result<Option<(String, Outbound)>> {
        let Some(url) = self.url_of(name) else {
            return Ok(None);
        };
        Ok(self.outbound()?.map(|outbound| (url.to_owned(), outbound)))
    }

    /// The registry's endpoint and how to reach it, which a follower of the registry's feed
    /// needs.
    pub fn registry_feed(&self) -> anyhow::Result<(String, Outbound)> {
        match self.peer_of(ServiceName::Registry)? {
            Some(peer) => Ok(peer),
            None => anyhow::bail!(
                "this service follows the registry's feed: set RECTIFY_REGISTRY_URL and \
                 RECTIFY_SERVICE_KEY_FILE (or RECTIFY_SERVICE_TOKEN)"
            ),
        }
    }
}

/// `now` for the host's clock, else the RFC 3339 instant a flowing clock starts at.
fn parse_clock(value: &str) -> Result<Clock, String> {
    if value.trim() == "now" {
        return Ok(Clock::system());
    }
    DateTime::parse_from_rfc3339(value.trim())
        .map(|at| Clock::starting_at(at.with_timezone(&Utc)))
        .map_err(|e| format!("expected `now` or an RFC 3339 instant: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(flags: &[&str]) -> Result<ServiceArgs, clap::Error> {
        use clap::{Args as _, FromArgMatches as _};
        let command = ServiceArgs::augment_args(clap::Command::new("registry"));
        let base = [
            "registry",
            "--database-url",
            "sqlite::memory:",
            "--jwks",
            "jwks.json",
        ];
        let matches = command.try_get_matches_from(base.iter().chain(flags))?;
        ServiceArgs::from_arg_matches(&matches)
    }

    #[test]
    fn tls_and_service_key_flags_are_read_and_a_certificate_needs_its_key() {
        use clap::Args as _;
        ServiceArgs::augment_args(clap::Command::new("registry")).debug_assert();
        let args = parse(&[
            "--tls-cert",
            "tls/registry.pem",
            "--tls-key",
            "tls/registry-key.pem",
            "--tls-client-ca",
            "tls/ca.pem",
            "--tls-ca",
            "tls/ca.pem",
            "--service-key",
            "keys/service-registry.pem",
            "--service-token-lifetime-secs",
            "120",
        ])
        .expect("every flag parses");
        assert_eq!(
            (
                args.tls.tls_cert.as_deref(),
                args.tls.tls_client_ca.as_deref()
            ),
            (
                Some(std::path::Path::new("tls/registry.pem")),
                Some(std::path::Path::new("tls/ca.pem"))
            ),
            "TLS files"
        );
        assert_eq!(args.service_token_lifetime_secs, 120, "token lifetime");
        assert!(
            parse(&["--tls-cert", "tls/registry.pem"]).is_err(),
            "a certificate without its key is refused"
        );
        assert!(
            parse(&["--tls-client-ca", "tls/ca.pem"]).is_err(),
            "mutual TLS without a certificate to serve is refused"
        );
    }

    #[test]
    fn the_clock_starts_now_or_at_the_instant_given() {
        let start = parse_clock("2021-10-15T09:00:00+08:00").expect("an RFC 3339 instant");
        assert_eq!(
            start.today_cst().to_string(),
            "2021-10-15",
            "a clock started inside the campaign"
        );
        let now = parse_clock("now").expect("now");
        let drift = (now.now() - Utc::now()).num_seconds().abs();
        assert!(drift < 60, "`now` is the host's clock, drift {drift}s");
        assert!(
            parse_clock("2021-10-15").is_err(),
            "a date alone is refused"
        );
    }

    #[test]
    fn the_service_token_is_read_from_its_file_trimmed() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("token");
        std::fs::write(&path, "header.claims.signature\n").expect("token file");
        let path_text = path.to_str().expect("utf-8 path");
        let mut args = parse(&["--service-token-file", path_text]).expect("flags parse");
        args.read_token_file().expect("token file read");
        assert_eq!(
            args.service_token.as_ref().map(SecretToken::expose),
            Some("header.claims.signature"),
            "the token without its newline"
        );
    }

    #[test]
    fn a_missing_or_empty_token_file_and_both_forms_at_once_are_refused() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "\n").expect("empty file");
        let missing = dir.path().join("missing");
        for (path, expected) in [(&empty, "is empty"), (&missing, "cannot read")] {
            let mut args = parse(&["--service-token-file", path.to_str().expect("utf-8 path")])
                .expect("flags parse");
            let error = args.read_token_file().expect_err("refused");
            assert!(
                error.to_string().contains(expected),
                "{}: {error}",
                path.display()
            );
        }
        let both = parse(&["--service-token=t", "--service-token-file=t.txt"]);
        assert!(
            both.is_err(),
            "a token and a token file together are refused"
        );
    }
}
