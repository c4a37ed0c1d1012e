//! `rectifyctl tls init` and `rectifyctl tls client`: the county's certificates, made with the
//! kit's CA (`rectify_kit::tls::certs`, rcgen on ring; no OpenSSL needed).

use std::path::Path;

use anyhow::bail;
use rectify_kit::auth::SERVICE_AUDIENCES;
use rectify_kit::tls::certs::CountyCa;

/// Makes the CA and one certificate per service in `dir`; what to do next, for people.
pub fn init(dir: &Path, hosts: &[String]) -> anyhow::Result<String> {
    if CountyCa::ca_file(dir).exists() || dir.join("ca-key.pem").exists() {
        bail!(
            "{} already holds a CA; refusing to replace it, because every certificate it issued \
             would stop being trusted. Issue client certificates with `rectifyctl tls client`",
            dir.display()
        );
    }
    let ca = CountyCa::create(dir)?;
    let mut lines = vec![format!(
        "CA: {} (give it to every client and service: RECTIFY_TLS_CA, --ca); its key {} stays here",
        CountyCa::ca_file(dir).display(),
        dir.join("ca-key.pem").display()
    )];
    for service in SERVICE_AUDIENCES {
        let mut names = vec![
            service.to_owned(),
            "localhost".to_owned(),
            "127.0.0.1".to_owned(),
        ];
        names.extend(hosts.iter().cloned());
        let files = ca.issue_server(service, &names)?;
        lines.push(format!(
            "{service}: {} and {} (RECTIFY_TLS_CERT, RECTIFY_TLS_KEY), for {}",
            files.cert.display(),
            files.key.display(),
            names.join(", ")
        ));
    }
    Ok(lines.join("\n"))
}

/// Issues a client certificate to `name` with the CA in `dir`.
pub fn client(dir: &Path, name: &str) -> anyhow::Result<String> {
    let ca = CountyCa::load(dir)?;
    if dir.join(format!("{name}.pem")).exists() {
        bail!("{name} already has a certificate in {}", dir.display());
    }
    let files = ca.issue_client(name)?;
    Ok(format!(
        "client certificate of {name}: {} with its key {} (give both, and the CA, to {name}'s system)",
        files.cert.display(),
        files.key.display()
    ))
}
