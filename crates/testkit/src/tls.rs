//! TLS in tests: a county CA made the way `rectifyctl tls init` makes it, a certificate per
//! service (valid for localhost and 127.0.0.1), a client certificate for the test's own
//! calls, and services started over TLS, optionally requiring client certificates.

use std::path::PathBuf;
use std::sync::Arc;

use rectify_kit::service::{Service, ServiceArgs};
use rectify_kit::tls::ClientTls;
use rectify_kit::tls::certs::{CertFiles, CountyCa};
use tempfile::TempDir;

use crate::{Backend, TestKeys, TestService};

/// A CA and its certificates in a temporary directory.
#[derive(Debug)]
pub struct TestTls {
    /// `ca.pem`.
    pub ca: PathBuf,
    /// The test client's certificate (common name `tester`).
    pub client: CertFiles,
    dir: TempDir,
}

impl TestTls {
    /// A new CA with a client certificate for the test.
    pub fn new() -> TestTls {
        let dir = tempfile::tempdir().expect("temporary directory");
        let ca = CountyCa::create(dir.path()).expect("county CA");
        let client = ca.issue_client("tester").expect("client certificate");
        TestTls {
            ca: CountyCa::ca_file(dir.path()),
            client,
            dir,
        }
    }

    fn ca(&self) -> CountyCa {
        CountyCa::load(self.dir.path()).expect("load the CA")
    }

    /// A server certificate for `service`, made on first use.
    pub fn server(&self, service: &str) -> CertFiles {
        let cert = self.dir.path().join(format!("{service}.pem"));
        if cert.exists() {
            return CertFiles {
                cert,
                key: self.dir.path().join(format!("{service}-key.pem")),
            };
        }
        let hosts = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
        self.ca()
            .issue_server(service, &hosts)
            .expect("server certificate")
    }

    /// A client certificate for `name`, made by this CA.
    pub fn client_certificate(&self, name: &str) -> CertFiles {
        self.ca().issue_client(name).expect("client certificate")
    }

    /// `args` of the service `name` set to serve TLS with its certificate, to require client
    /// certificates of this CA when `mutual`, and to trust this CA when it calls others.
    pub fn configure(&self, name: &str, args: &mut ServiceArgs, mutual: bool) {
        let files = self.server(name);
        args.tls.tls_cert = Some(files.cert);
        args.tls.tls_key = Some(files.key);
        args.tls.tls_client_ca = mutual.then(|| self.ca.clone());
        args.tls.tls_ca = Some(self.ca.clone());
    }

    /// What the test's own client trusts (this CA) and presents (its certificate).
    pub fn client(&self) -> ClientTls {
        ClientTls::from_files(
            Some(&self.ca),
            Some(&self.client.cert),
            Some(&self.client.key),
        )
        .expect("client TLS")
    }

    /// Trusting this CA, presenting no certificate.
    pub fn client_without_certificate(&self) -> ClientTls {
        ClientTls::from_files(Some(&self.ca), None, None).expect("client TLS")
    }
}

impl Default for TestTls {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: Service> TestService<S> {
    /// `S` on a fresh database of `backend` serving TLS with a certificate of `tls` (requiring
    /// client certificates when `mutual`); the harness's own calls go over TLS with the test's
    /// client certificate.
    pub async fn spawn_tls(
        backend: Backend,
        keys: Arc<TestKeys>,
        tls: &TestTls,
        mutual: bool,
        configure: impl FnOnce(&mut ServiceArgs),
    ) -> Option<Self> {
        let client = tls.client();
        Self::spawn_configured(backend, keys, Some(client), |args| {
            tls.configure(S::NAME, args, mutual);
            configure(args);
        })
        .await
    }
}
