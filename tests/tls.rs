//! The registry and utilities over mutual TLS with certificates of the county's own CA:
//! utilities follows the registry's feed over https presenting its certificate, the harness
//! calls both with a client certificate; a caller without a certificate, one whose certificate
//! another CA issued, one that trusts another CA, and one speaking plain gRPC are all refused.

use std::sync::Arc;

use chrono::DateTime;
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_kit::tls::ClientTls;
use rectify_proto::registry::v1::GetCampaignRequest;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_registry::Registry;
use rectify_testkit::registry::RegistryHarness;
use rectify_testkit::workitems::WorkItemHarness;
use rectify_testkit::{Backend, TestKeys, TestService, TestTls, authorized, on_both_backends};
use rectify_utilities::Utilities;
use tonic_types::StatusExt as _;

/// A `GetCampaign` call to `url` as the office, reaching it with `tls`.
async fn get_campaign(tls: &ClientTls, url: &str, office: &str) -> Result<(), tonic::Status> {
    let channel = tls
        .endpoint("registry", url)
        .expect("endpoint")
        .connect_lazy();
    RegistryServiceClient::new(channel)
        .get_campaign(authorized(GetCampaignRequest {}, office))
        .await
        .map(|_| ())
}

async fn the_registry_and_a_bureau_service_work_over_mutual_tls(backend: Backend) {
    let tls = TestTls::new();
    let keys = Arc::new(TestKeys::new());
    let Some(registry) =
        TestService::<Registry>::spawn_tls(backend, keys.clone(), &tls, true, |_| {}).await
    else {
        return;
    };
    let url = registry.server.url();
    assert!(url.starts_with("https://"), "served over TLS: {url}");
    let token = keys.token_for(
        &["registry", "utilities"],
        "utilities",
        PartyKind::Service,
        &[],
    );
    let clock = Clock::fixed(
        DateTime::parse_from_rfc3339("2021-10-15T10:00:00+08:00")
            .expect("instant")
            .to_utc(),
    );
    let follower_url = url.clone();
    let Some(utilities) =
        TestService::<Utilities>::spawn_tls(backend, keys.clone(), &tls, true, |args| {
            args.registry_url = Some(follower_url);
            args.service_token = Some(token.into());
            args.clock = clock;
        })
        .await
    else {
        return;
    };

    let enterprise = registry
        .publish_close_plan("yuelai", "悦来镇加密米业")
        .await;
    let items = utilities.items_of(&enterprise, 6).await;
    assert_eq!(
        items.len(),
        6,
        "utilities followed the registry over mutual TLS and made the six 两断三清 items"
    );

    let office = registry.office();
    assert!(
        get_campaign(&tls.client(), &url, &office).await.is_ok(),
        "a client with a certificate of the county CA is served"
    );
    let other = TestTls::new();
    let foreign_certificate = ClientTls::from_files(
        Some(&tls.ca),
        Some(&other.client.cert),
        Some(&other.client.key),
    )
    .expect("client TLS");
    let plain = url.replacen("https://", "http://", 1);
    let refused = [
        (
            "a client without a certificate",
            tls.client_without_certificate(),
            url.as_str(),
        ),
        (
            "a client whose certificate another CA issued",
            foreign_certificate,
            url.as_str(),
        ),
        ("a client trusting another CA", other.client(), url.as_str()),
        (
            "a client speaking plain gRPC",
            ClientTls::default(),
            plain.as_str(),
        ),
    ];
    for (who, client, url) in refused {
        let status = get_campaign(&client, url, &office)
            .await
            .expect_err(&format!("{who} must be refused"));
        // The handshake fails (UNAVAILABLE, or UNKNOWN with the peer's TLS alert), under TLS 1.3
        // the server closes the connection right after it (CANCELLED), or plain HTTP/2 meets a
        // TLS server (INTERNAL, a protocol error): however the transport says it, the service
        // itself never answered, so there is none of the ErrorInfo every rectify error carries.
        assert!(
            status.get_error_details().error_info().is_none(),
            "{who}: refused before any call reaches the service: {status:?}"
        );
    }
}

on_both_backends!(the_registry_and_a_bureau_service_work_over_mutual_tls);
