//! The TLS flags and environment of every service: what it serves with, which client
//! certificates it requires, and what it trusts and presents when it calls another service.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity, ServerTlsConfig};

/// TLS settings of a service (`<service> --help`). Without `--tls-cert` the service serves
/// plain gRPC, as on a developer's machine.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct TlsArgs {
    /// Serve TLS with this certificate chain (PEM), e.g. `tls/registry.pem` from
    /// `rectifyctl tls init`. Also presented as this service's client certificate when it calls
    /// another service.
    #[arg(long, env = "RECTIFY_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The private key of `--tls-cert` (PEM).
    #[arg(long, env = "RECTIFY_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Mutual TLS: require every caller to present a client certificate issued by this CA (PEM),
    /// e.g. `tls/ca.pem`. A caller without one is refused during the handshake.
    #[arg(long, env = "RECTIFY_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
    /// The CA (PEM) this service trusts when it calls another service or follows its feed over
    /// `https://`, e.g. `tls/ca.pem`.
    #[arg(long, env = "RECTIFY_TLS_CA")]
    pub tls_ca: Option<PathBuf>,
}

impl TlsArgs {
    /// What the server serves with, if TLS is configured.
    pub fn server(&self) -> anyhow::Result<Option<ServerTlsConfig>> {
        let (Some(cert), Some(key)) = (&self.tls_cert, &self.tls_key) else {
            return Ok(None);
        };
        let mut config = ServerTlsConfig::new().identity(identity(cert, key)?);
        if let Some(ca) = &self.tls_client_ca {
            config = config.client_ca_root(certificate(ca)?);
        }
        Ok(Some(config))
    }

    /// What this service trusts and presents when it calls another service.
    pub fn client(&self) -> anyhow::Result<ClientTls> {
        let ca = self.tls_ca.as_deref().map(read).transpose()?;
        let identity = match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => Some((read(cert)?, read(key)?)),
            _ => None,
        };
        Ok(ClientTls { ca, identity })
    }
}

/// How a client reaches a service over `https://`: the CA it trusts and, for mutual TLS, the
/// certificate and key it presents. Empty for plain `http://`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ClientTls {
    /// The CA certificate (PEM).
    pub ca: Option<Vec<u8>>,
    /// Certificate chain and private key (PEM) presented to a server that asks for one.
    pub identity: Option<(Vec<u8>, Vec<u8>)>,
}

impl std::fmt::Debug for ClientTls {
    /// Whether a CA and a client certificate are set; never the private key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientTls")
            .field("ca", &self.ca.is_some())
            .field("client_certificate", &self.identity.is_some())
            .finish()
    }
}

impl ClientTls {
    /// From files: the CA and, when both are given, a client certificate and key.
    pub fn from_files(
        ca: Option<&Path>,
        cert: Option<&Path>,
        key: Option<&Path>,
    ) -> anyhow::Result<ClientTls> {
        let identity = match (cert, key) {
            (Some(cert), Some(key)) => Some((read(cert)?, read(key)?)),
            (None, None) => None,
            _ => bail!("a client certificate needs both its certificate and its key file"),
        };
        Ok(ClientTls {
            ca: ca.map(read).transpose()?,
            identity,
        })
    }

    /// An endpoint for `url` (`http://…` or `https://…`); `name` says whose URL it is in errors.
    /// An `https://` URL needs the CA.
    pub fn endpoint(&self, name: &str, url: &str) -> anyhow::Result<Endpoint> {
        let endpoint = endpoint_of(name, url)?;
        if !url.starts_with("https://") {
            return Ok(endpoint);
        }
        let Some(ca) = &self.ca else {
            bail!(
                "{name} is reached over https ({url}) but no CA is configured to verify it: \
                 give the county CA (--tls-ca / RECTIFY_TLS_CA, or --ca)"
            );
        };
        let mut config = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(ca));
        if let Some((cert, key)) = &self.identity {
            config = config.identity(Identity::from_pem(cert, key));
        }
        endpoint
            .tls_config(config)
            .with_context(|| format!("TLS settings for {name} at {url}"))
    }
}

/// The endpoint at `url`, refused with one plain sentence when it is not a URL.
fn endpoint_of(name: &str, url: &str) -> anyhow::Result<Endpoint> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        bail!(
            "the {name} URL {url:?} must start with http:// or https:// (e.g. http://127.0.0.1:50051)"
        );
    }
    Endpoint::from_shared(url.to_owned())
        .map_err(|e| anyhow::anyhow!("invalid {name} URL {url:?}: {e}"))
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn certificate(path: &Path) -> anyhow::Result<Certificate> {
    Ok(Certificate::from_pem(read(path)?))
}

fn identity(cert: &Path, key: &Path) -> anyhow::Result<Identity> {
    Ok(Identity::from_pem(read(cert)?, read(key)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_without_a_scheme_is_refused_in_one_sentence() {
        let error = ClientTls::default()
            .endpoint("registry", "127.0.0.1:50051")
            .expect_err("no scheme");
        let shown = format!("{error:#}");
        assert!(
            shown.contains("must start with http:// or https://"),
            "{shown}"
        );
        assert_eq!(
            shown.matches("127.0.0.1:50051").count(),
            2,
            "named once, example once: {shown}"
        );
    }

    #[test]
    fn an_https_url_without_a_ca_says_which_setting_is_missing() {
        let error = ClientTls::default()
            .endpoint("registry", "https://registry:50051")
            .expect_err("no CA");
        assert!(format!("{error:#}").contains("RECTIFY_TLS_CA"), "{error:#}");
    }
}
