//! The county's own certificates, made with rcgen (on ring): a CA, a server certificate per
//! service (also usable as that service's client certificate when mutual TLS is on), and client
//! certificates for bureau systems. `rectifyctl tls init` and `rectifyctl tls client` write
//! them; the tests make theirs the same way.
//!
//! Files in the directory: `ca.pem` (public, give it to every client), `ca-key.pem` (secret,
//! keep it where certificates are issued), `<name>.pem` and `<name>-key.pem` per certificate.
//! Keys are written owner-only and never replaced.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, ensure};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};

use crate::auth::write_secret;

/// The CA's distinguished name; also how a CA is rebuilt from its key to issue more.
const CA_NAME: &str = "rectify county CA";
/// How long certificates made here stay valid.
const VALID_DAYS: u32 = 825;

/// A CA loaded from (or just written to) a directory, able to issue certificates.
pub struct CountyCa {
    dir: PathBuf,
    issuer: Issuer<'static, KeyPair>,
}

impl std::fmt::Debug for CountyCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CountyCa")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// The certificate and key files of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl CountyCa {
    /// `ca.pem` in `dir`.
    pub fn ca_file(dir: &Path) -> PathBuf {
        dir.join("ca.pem")
    }

    /// Makes a new CA in `dir` (created if needed); refuses when one is there already.
    pub fn create(dir: &Path) -> anyhow::Result<CountyCa> {
        std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
        let key = KeyPair::generate().context("generate CA key")?;
        let params = ca_params()?;
        let cert = params.self_signed(&key).context("sign CA certificate")?;
        write_secret(&dir.join("ca-key.pem"), key.serialize_pem().as_bytes())?;
        std::fs::write(Self::ca_file(dir), cert.pem())
            .with_context(|| format!("write {}", Self::ca_file(dir).display()))?;
        Ok(CountyCa {
            dir: dir.to_owned(),
            issuer: Issuer::new(params, key),
        })
    }

    /// The CA `create` wrote into `dir`.
    pub fn load(dir: &Path) -> anyhow::Result<CountyCa> {
        let key_file = dir.join("ca-key.pem");
        let pem = std::fs::read_to_string(&key_file).with_context(|| {
            format!(
                "read {} (run `rectifyctl tls init` first)",
                key_file.display()
            )
        })?;
        let key =
            KeyPair::from_pem(&pem).with_context(|| format!("parse {}", key_file.display()))?;
        Ok(CountyCa {
            dir: dir.to_owned(),
            issuer: Issuer::new(ca_params()?, key),
        })
    }

    /// A server certificate for `name`, valid for each of `hosts` (DNS names or IP addresses),
    /// also usable as a client certificate: what a service serves with and presents when it
    /// calls another under mutual TLS.
    pub fn issue_server(&self, name: &str, hosts: &[String]) -> anyhow::Result<CertFiles> {
        ensure!(
            !hosts.is_empty(),
            "a server certificate needs at least one host name"
        );
        let mut params = CertificateParams::new(hosts.to_vec()).context("host names")?;
        params.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ];
        self.issue(name, params)
    }

    /// A client certificate for the bureau system or township `name` (its common name), for
    /// services that require mutual TLS.
    pub fn issue_client(&self, name: &str) -> anyhow::Result<CertFiles> {
        let mut params = CertificateParams::new(Vec::<String>::new()).context("parameters")?;
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        self.issue(name, params)
    }

    fn issue(&self, name: &str, mut params: CertificateParams) -> anyhow::Result<CertFiles> {
        ensure!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'),
            "certificate name {name:?} must be letters, digits, '-', '_' or '.'"
        );
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, name);
        params.distinguished_name = dn;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        validity(&mut params);
        let key = KeyPair::generate().context("generate key")?;
        let cert = params
            .signed_by(&key, &self.issuer)
            .with_context(|| format!("sign the certificate of {name}"))?;
        let files = CertFiles {
            cert: self.dir.join(format!("{name}.pem")),
            key: self.dir.join(format!("{name}-key.pem")),
        };
        write_secret(&files.key, key.serialize_pem().as_bytes())?;
        std::fs::write(&files.cert, cert.pem())
            .with_context(|| format!("write {}", files.cert.display()))?;
        Ok(files)
    }
}

fn ca_params() -> anyhow::Result<CertificateParams> {
    let mut params = CertificateParams::new(Vec::<String>::new()).context("CA parameters")?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, CA_NAME);
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    validity(&mut params);
    Ok(params)
}

fn validity(params: &mut CertificateParams) {
    use chrono::Datelike as _;
    let today = chrono::Utc::now().date_naive();
    let day = u8::try_from(today.day()).unwrap_or(1);
    let month = u8::try_from(today.month()).unwrap_or(1);
    let midnight = rcgen::date_time_ymd(today.year(), month, day);
    const DAY: std::time::Duration = std::time::Duration::from_secs(86_400);
    params.not_before = midnight - DAY;
    params.not_after = midnight + DAY * VALID_DAYS;
}
