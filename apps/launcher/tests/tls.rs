//! `rectify up --mtls`: every service serves mutual TLS with certificates of a CA made under
//! the data directory; the launcher's client certificate is served, the coordinator follows the
//! registry over it, and a caller without a certificate or speaking plain gRPC is refused.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use rectify_kit::tls::ClientTls;
use rectify_launcher::{Ports, UpOptions, start};
use rectify_proto::coordinator::v1::GetAuditAnchorsRequest;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_proto::registry::v1::{GetCampaignRequest, ReportFindingRequest};
use rectify_testkit::authorized;
use rectify_testkit::registry::finding;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_service_serves_mutual_tls_and_the_coordinator_follows_over_it() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let options = UpOptions {
        host: IpAddr::V4(Ipv4Addr::LOCALHOST),
        ports: Ports::all(0),
        mtls: true,
        ..UpOptions::new(dir.path())
    };
    let running = start(&options).await.expect("rectify up --mtls");
    let tls = running.tls.clone().expect("certificates made");
    assert!(
        tls.mutual && tls.ca.exists(),
        "a CA under the data directory"
    );
    let office = running
        .tokens
        .get("office")
        .expect("office token")
        .to_owned();
    let registry = running.endpoint("registry").expect("registry");
    assert!(registry.url().starts_with("https://"), "{}", registry.url());

    let campaign = RegistryServiceClient::new(registry.channel().expect("channel"))
        .get_campaign(authorized(GetCampaignRequest {}, &office))
        .await;
    assert!(
        campaign.is_ok(),
        "the launcher's client certificate is served: {campaign:?}"
    );

    let township = running
        .tokens
        .get("yuelai")
        .expect("township token")
        .to_owned();
    RegistryServiceClient::new(registry.channel().expect("channel"))
        .report_finding(authorized(
            ReportFindingRequest {
                request_id: "tls-1".to_owned(),
                finding: Some(finding("yuelai", "悦来镇加密米业")),
            },
            &township,
        ))
        .await
        .expect("a township reports over mutual TLS");

    let coordinator = running.endpoint("coordinator").expect("coordinator");
    let mut anchors = CoordinatorServiceClient::new(coordinator.channel().expect("channel"));
    let mut followed = false;
    for _ in 0..100 {
        let answer = anchors
            .get_audit_anchors(authorized(
                GetAuditAnchorsRequest {
                    service: "registry".to_owned(),
                },
                &office,
            ))
            .await
            .expect("anchors over mutual TLS")
            .into_inner();
        if answer
            .anchors
            .iter()
            .any(|a| a.service == "registry" && a.seq > 0)
        {
            followed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        followed,
        "the coordinator follows the registry over mutual TLS"
    );

    let without_certificate = ClientTls::from_files(Some(&tls.ca), None, None).expect("TLS");
    let refused = [
        (
            "without a client certificate",
            without_certificate,
            registry.url(),
        ),
        (
            "speaking plain gRPC",
            ClientTls::default(),
            registry.url().replacen("https://", "http://", 1),
        ),
    ];
    for (who, client, url) in refused {
        let channel = client
            .endpoint("registry", &url)
            .expect("endpoint")
            .connect_lazy();
        let answer = RegistryServiceClient::new(channel)
            .get_campaign(authorized(GetCampaignRequest {}, &office))
            .await;
        assert!(answer.is_err(), "a caller {who} is refused: {answer:?}");
    }
    running.shutdown().await.expect("clean stop");
}
