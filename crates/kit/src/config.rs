//! Typed configuration every service shares, from flags and environment.
//! The database URL is a secret: it is never printed or logged whole.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// A database URL whose password never appears in `Debug` or `Display`.
#[derive(Clone)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// The full URL, for connecting only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn redacted(&self) -> String {
        match (self.0.find("://"), self.0.rfind('@')) {
            (Some(scheme_end), Some(at)) if at > scheme_end => {
                let userinfo = &self.0[scheme_end + 3..at];
                let user = userinfo.split(':').next().unwrap_or_default();
                format!("{}{user}:***{}", &self.0[..scheme_end + 3], &self.0[at..])
            }
            _ => self.0.clone(),
        }
    }
}

impl FromStr for DatabaseUrl {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", self.redacted())
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Settings every service has. Each service adds its own (listen address,
/// audience) beside these.
#[derive(clap::Args, Clone, Debug)]
pub struct ServiceConfig {
    /// postgres://user:password@host/db or sqlite:path/to/file.db
    #[arg(long, env = "RECTIFY_DATABASE_URL")]
    pub database_url: DatabaseUrl,
    /// Largest pool of database connections.
    #[arg(long, env = "RECTIFY_DB_MAX_CONNECTIONS", default_value_t = 16)]
    pub db_max_connections: u32,
    /// Public key set (JWKS JSON) that tokens are verified against.
    #[arg(long, env = "RECTIFY_JWKS")]
    pub jwks: PathBuf,
    /// Expected `iss` of tokens.
    #[arg(long, env = "RECTIFY_TOKEN_ISSUER", default_value = "rectify")]
    pub token_issuer: String,
    /// Clock skew tolerated when checking a token's expiry, in seconds.
    #[arg(long, env = "RECTIFY_TOKEN_LEEWAY_SECS", default_value_t = 30)]
    pub token_leeway_secs: u64,
    /// Longest a unary call may take, in seconds.
    #[arg(long, env = "RECTIFY_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,
    /// Largest request or response message, in bytes.
    #[arg(long, env = "RECTIFY_MAX_MESSAGE_BYTES", default_value_t = 4 * 1024 * 1024)]
    pub max_message_bytes: usize,
}

impl ServiceConfig {
    /// The defaults, on `database_url` with the key set at `jwks`.
    pub fn new(database_url: &str, jwks: PathBuf) -> anyhow::Result<Self> {
        Ok(Self {
            database_url: database_url.parse()?,
            db_max_connections: 16,
            jwks,
            token_issuer: "rectify".to_owned(),
            token_leeway_secs: 30,
            request_timeout_secs: 30,
            max_message_bytes: 4 * 1024 * 1024,
        })
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_password_is_never_shown() {
        let url: DatabaseUrl = "postgres://rectify:s3cret@db:5432/registry"
            .parse()
            .expect("parses");
        for shown in [format!("{url}"), format!("{url:?}")] {
            assert!(!shown.contains("s3cret"), "password leaked in {shown}");
            assert!(
                shown.contains("rectify:***@db:5432/registry"),
                "unexpected {shown}"
            );
        }
    }
}
