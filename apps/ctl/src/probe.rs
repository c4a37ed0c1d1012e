//! `rectifyctl probe`: the health check of a container. Asks a service's gRPC health
//! (`grpc.health.v1.Health/Check`) or fetches a page over HTTP, and succeeds only on SERVING or
//! on HTTP 200.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context as _, bail};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

use rectify_kit::tls::ClientTls;

use crate::cli::ServiceTlsEnv;
use crate::client::connect;

/// How long a probe waits for its answer in all.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// The endpoint a probe asks when none is given: the service's own listen address
/// (`RECTIFY_LISTEN`, e.g. `0.0.0.0:50051`) on the loopback interface.
pub fn endpoint_from_listen(listen: &str) -> anyhow::Result<String> {
    let address: SocketAddr = listen
        .parse()
        .with_context(|| format!("RECTIFY_LISTEN `{listen}` is not an address:port"))?;
    Ok(format!("http://127.0.0.1:{}", address.port()))
}

/// The endpoint a probe asks inside a service's container: the port of its `RECTIFY_LISTEN`
/// on loopback, over `https://` when the service serves TLS (`RECTIFY_TLS_CERT` is set; its
/// certificate names 127.0.0.1).
pub fn own_endpoint(listen: &str, tls: bool) -> anyhow::Result<String> {
    let endpoint = endpoint_from_listen(listen)?;
    Ok(if tls {
        endpoint.replacen("http://", "https://", 1)
    } else {
        endpoint
    })
}

/// The health check of the service whose container this is: its own port, over TLS when it
/// serves TLS, trusting its CA and presenting its own certificate (so that a service requiring
/// client certificates accepts the probe).
pub async fn own_health(
    listen: &str,
    service: &str,
    own: &ServiceTlsEnv,
) -> anyhow::Result<String> {
    let endpoint = own_endpoint(listen, own.service_tls_cert.is_some())?;
    let tls = if own.service_tls_cert.is_some() {
        if own.service_tls_ca.is_none() {
            bail!(
                "the service serves TLS (RECTIFY_TLS_CERT) but RECTIFY_TLS_CA is not set: \
                 the probe cannot verify its certificate"
            );
        }
        ClientTls::from_files(
            own.service_tls_ca.as_deref(),
            own.service_tls_cert.as_deref(),
            own.service_tls_key.as_deref(),
        )?
    } else {
        ClientTls::default()
    };
    grpc_health(&endpoint, service, &tls).await
}

/// Succeeds when `endpoint` reports `service` ("" for the whole server) SERVING; an
/// `https://` endpoint is reached with `tls`.
pub async fn grpc_health(endpoint: &str, service: &str, tls: &ClientTls) -> anyhow::Result<String> {
    let check = async {
        let mut client = HealthClient::new(connect(endpoint, tls).await?);
        let response = client
            .check(HealthCheckRequest {
                service: service.to_owned(),
            })
            .await
            .with_context(|| format!("health check of {endpoint}"))?;
        let status =
            ServingStatus::try_from(response.into_inner().status).unwrap_or(ServingStatus::Unknown);
        if status != ServingStatus::Serving {
            bail!("{endpoint} is {}", status.as_str_name());
        }
        Ok(format!("{endpoint} SERVING"))
    };
    tokio::time::timeout(PROBE_TIMEOUT, check)
        .await
        .with_context(|| format!("{endpoint} did not answer within {PROBE_TIMEOUT:?}"))?
}

/// Succeeds when `GET url` (plain `http://host:port/path`) answers 200.
pub async fn http_ok(url: &str) -> anyhow::Result<String> {
    let rest = url
        .strip_prefix("http://")
        .with_context(|| format!("`{url}` is not an http:// URL"))?;
    let (authority, path) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, "/"),
    };
    let fetch = async {
        let mut stream = TcpStream::connect(authority)
            .await
            .with_context(|| format!("cannot connect to {authority}"))?;
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut head = Vec::new();
        let mut buffer = [0u8; 512];
        while !head.windows(2).any(|w| w == b"\r\n") {
            let read = stream.read(&mut buffer).await?;
            if read == 0 {
                break;
            }
            head.extend_from_slice(&buffer[..read]);
        }
        let text = String::from_utf8_lossy(&head);
        let status_line = text.lines().next().unwrap_or_default().to_owned();
        match status_line.split_whitespace().nth(1) {
            Some("200") => Ok(format!("{url} {status_line}")),
            _ => bail!("{url} answered `{status_line}`"),
        }
    };
    tokio::time::timeout(PROBE_TIMEOUT, fetch)
        .await
        .with_context(|| format!("{url} did not answer within {PROBE_TIMEOUT:?}"))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_serving_tls_is_probed_over_https() {
        assert_eq!(
            own_endpoint("0.0.0.0:50051", true).expect("address"),
            "https://127.0.0.1:50051"
        );
        assert_eq!(
            own_endpoint("0.0.0.0:50051", false).expect("address"),
            "http://127.0.0.1:50051"
        );
    }

    #[test]
    fn the_default_endpoint_is_the_listen_port_on_loopback() {
        assert_eq!(
            endpoint_from_listen("0.0.0.0:50053").expect("address"),
            "http://127.0.0.1:50053"
        );
        assert!(
            endpoint_from_listen("registry").is_err(),
            "a name without a port is refused"
        );
    }

    #[tokio::test]
    async fn a_closed_port_fails_both_probes() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("address").port();
        drop(listener);
        let url = format!("http://127.0.0.1:{port}");
        assert!(
            grpc_health(&url, "", &ClientTls::default()).await.is_err(),
            "gRPC probe of {url}"
        );
        assert!(http_ok(&url).await.is_err(), "HTTP probe of {url}");
    }

    #[tokio::test]
    async fn http_probe_passes_on_200_and_fails_otherwise() {
        for (answer, ok) in [("HTTP/1.1 200 OK", true), ("HTTP/1.1 503 Busy", false)] {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let port = listener.local_addr().expect("address").port();
            let server = tokio::spawn(async move {
                let (mut socket, _) = listener.accept().await.expect("accept");
                let mut request = [0u8; 256];
                let _ = socket.read(&mut request).await.expect("request");
                let reply = format!("{answer}\r\nContent-Length: 0\r\n\r\n");
                socket.write_all(reply.as_bytes()).await.expect("reply");
            });
            let outcome = http_ok(&format!("http://127.0.0.1:{port}/login")).await;
            assert_eq!(outcome.is_ok(), ok, "{answer}: {outcome:?}");
            server.await.expect("server task");
        }
    }
}
