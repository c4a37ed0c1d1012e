//! `rectify up --tls` / `--mtls`: a county CA under `DIR/tls/` made on the first start and reused
//! afterwards, one certificate every service serves with (and presents when it follows another),
//! and a client certificate (`DIR/tls/launcher.pem`) the launcher, the demo and a developer's
//! tools present when client certificates are required.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use rectify_kit::service::ServiceArgs;
use rectify_kit::tls::ClientTls;
use rectify_kit::tls::certs::{CertFiles, CountyCa};

/// The launcher's certificates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LauncherTls {
    /// `DIR/tls/ca.pem`: what clients trust.
    pub ca: PathBuf,
    /// What every service serves with.
    pub server: CertFiles,
    /// `DIR/tls/launcher.pem`: a client certificate for mutual TLS.
    pub client: CertFiles,
    /// Whether callers must present a client certificate.
    pub mutual: bool,
}

/// The certificate name every service serves with.
const SERVER: &str = "services";
/// The client certificate's name.
const CLIENT: &str = "launcher";

impl LauncherTls {
    /// The certificates under `dir`, made when there are none yet; the server certificate is
    /// valid for localhost, 127.0.0.1, `host` and every service's name.
    pub fn prepare(dir: &Path, host: IpAddr, mutual: bool) -> anyhow::Result<LauncherTls> {
        let files = |name: &str| CertFiles {
            cert: dir.join(format!("{name}.pem")),
            key: dir.join(format!("{name}-key.pem")),
        };
        let (server, client) = (files(SERVER), files(CLIENT));
        if !CountyCa::ca_file(dir).exists() {
            let ca = CountyCa::create(dir)?;
            let mut hosts = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
            if !host.is_loopback() && !host.is_unspecified() {
                hosts.push(host.to_string());
            }
            hosts.extend(rectify_kit::auth::SERVICE_AUDIENCES.map(str::to_owned));
            ca.issue_server(SERVER, &hosts)?;
            ca.issue_client(CLIENT)?;
            tracing::info!(dir = %dir.display(), "TLS certificates made");
        }
        Ok(LauncherTls {
            ca: CountyCa::ca_file(dir),
            server,
            client,
            mutual,
        })
    }

    /// `args` set to serve TLS, to require client certificates when mutual, and to trust the CA
    /// when following another service.
    pub fn configure(&self, args: &mut ServiceArgs) {
        args.tls.tls_cert = Some(self.server.cert.clone());
        args.tls.tls_key = Some(self.server.key.clone());
        args.tls.tls_client_ca = self.mutual.then(|| self.ca.clone());
        args.tls.tls_ca = Some(self.ca.clone());
    }

    /// What the launcher's own clients trust and present.
    pub fn client(&self) -> anyhow::Result<ClientTls> {
        ClientTls::from_files(
            Some(&self.ca),
            Some(&self.client.cert),
            Some(&self.client.key),
        )
    }
}
