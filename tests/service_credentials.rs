//! Credentials between services do not run out: a service given its own key mints short-lived
//! tokens and renews them, so its follower keeps following the registry and its calls keep
//! going through across several expiries (tokens of 2 s, no clock skew tolerated, each feed
//! stream ended by the registry when its token expires). A fixed token, by contrast, expires:
//! a bureau system whose token ran out is told so, and nothing it sent is stored.

use std::sync::Arc;
use std::time::Duration;

use chrono::DateTime;
use rectify_kit::auth::{Credentials, PartyKind, TokenRequest, add_service_key};
use rectify_kit::clock::Clock;
use rectify_kit::peer::{Outbound, Peer};
use rectify_kit::tls::ClientTls;
use rectify_proto::feed::v1::feed_service_client::FeedServiceClient;
use rectify_proto::feed::v1::{GetFeedHeadRequest, WatchChangesRequest};
use rectify_proto::registry::v1::ReportFindingRequest;
use rectify_registry::Registry;
use rectify_testkit::conventions::assert_error_shape;
use rectify_testkit::registry::{RegistryHarness, finding};
use rectify_testkit::workitems::WorkItemHarness;
use rectify_testkit::{Backend, TestKeys, TestService, authorized, on_both_backends};
use rectify_utilities::Utilities;
use tonic::Code;
use tonic_types::StatusExt as _;

/// How long each token lives in these tests.
const LIFETIME: Duration = Duration::from_secs(2);

/// Test keys with a service key for utilities in their key set.
fn keys_with_service_key() -> (Arc<TestKeys>, std::path::PathBuf) {
    let keys = TestKeys::new();
    let dir = keys.jwks_path.parent().expect("key directory").to_owned();
    let key = add_service_key(&dir, "utilities", "rectify").expect("service key");
    (Arc::new(keys), key.private_pem)
}

async fn a_follower_and_a_peer_keep_working_across_token_expiries(backend: Backend) {
    let (keys, service_key) = keys_with_service_key();
    let Some(registry) = TestService::<Registry>::spawn_with(backend, keys.clone(), |args| {
        args.service.token_leeway_secs = 0;
    })
    .await
    else {
        return;
    };
    let url = registry.server.url();
    let clock = Clock::fixed(
        DateTime::parse_from_rfc3339("2021-10-15T10:00:00+08:00")
            .expect("instant")
            .to_utc(),
    );
    let follower_url = url.clone();
    let key_file = service_key.clone();
    let Some(utilities) = TestService::<Utilities>::spawn_with(backend, keys.clone(), |args| {
        args.service.token_leeway_secs = 0;
        args.registry_url = Some(follower_url);
        args.service_key = Some(key_file);
        args.service_token_lifetime_secs = LIFETIME.as_secs();
        args.clock = clock;
    })
    .await
    else {
        return;
    };
    let pem = std::fs::read_to_string(&service_key).expect("service key");
    let peer = Peer::connect(
        "registry",
        &url,
        &Outbound {
            credentials: Credentials::from_service_key(&pem, "utilities", "rectify", LIFETIME)
                .expect("credentials"),
            tls: ClientTls::default(),
        },
    )
    .expect("peer");
    let mut feed = FeedServiceClient::with_interceptor(peer.channel(), peer.interceptor());

    for round in 0..3 {
        let enterprise = registry
            .publish_close_plan("yuelai", &format!("悦来镇第{round}续期米业"))
            .await;
        let items = utilities.items_of(&enterprise, 6).await;
        assert_eq!(
            items.len(),
            6,
            "round {round}: the follower still follows after {round} token lifetimes"
        );
        let head = feed
            .get_feed_head(GetFeedHeadRequest {})
            .await
            .unwrap_or_else(|s| panic!("round {round}: the peer call is refused: {s:?}"));
        assert!(head.get_ref().seq > 0, "round {round}: the head is read");
        // Longer than a whole token lifetime: every token held before has expired.
        tokio::time::sleep(LIFETIME + Duration::from_millis(500)).await;
    }
}

async fn an_expired_token_is_refused_saying_so_and_nothing_is_stored(backend: Backend) {
    let keys = Arc::new(TestKeys::new());
    let Some(registry) = TestService::<Registry>::spawn_with(backend, keys.clone(), |args| {
        args.service.token_leeway_secs = 0;
    })
    .await
    else {
        return;
    };
    let short = |party: &str, kind: PartyKind| {
        keys.issuer
            .mint(&TokenRequest {
                subject: format!("{party}-system"),
                party: party.to_owned(),
                kind,
                roles: Vec::new(),
                audiences: vec!["registry".to_owned()],
                lifetime: Duration::from_secs(1),
            })
            .expect("mint")
    };
    let township = short("yuelai", PartyKind::Jurisdiction);
    let service = short("utilities", PartyKind::Service);
    let mut stream = registry
        .feed()
        .watch_changes(authorized(
            WatchChangesRequest {
                after: 0,
                follow: true,
            },
            &service,
        ))
        .await
        .expect("a feed opened with a valid token")
        .into_inner();
    tokio::time::sleep(Duration::from_millis(2100)).await;

    let request = ReportFindingRequest {
        finding: Some(finding("yuelai", "悦来镇过期令牌米业")),
        request_id: "expired-1".to_owned(),
    };
    let status = registry
        .registry()
        .report_finding(authorized(request, &township))
        .await
        .expect_err("an expired token is refused");
    assert_error_shape(
        &status,
        Code::Unauthenticated,
        "TOKEN_EXPIRED",
        "a township's expired token",
    );
    assert!(
        status.message().contains("expired") && status.message().contains("rectifyctl token"),
        "the message says the token expired and how a new one is issued: {}",
        status.message()
    );
    let localized = status.get_error_details().localized_message().cloned();
    assert!(
        localized.is_some_and(|l| l.message.contains("令牌已过期") && l.message.contains("新令牌")),
        "the Chinese message says so too"
    );
    assert!(
        registry.all_enterprises().await.is_empty(),
        "nothing was stored"
    );

    let ended = loop {
        match stream.message().await {
            Ok(Some(_)) => continue,
            other => break other,
        }
    };
    let status = ended.expect_err("the feed stream ends with an error when its token expires");
    assert_error_shape(
        &status,
        Code::Unauthenticated,
        "TOKEN_EXPIRED",
        "a feed stream whose token expired",
    );
}

on_both_backends!(
    a_follower_and_a_peer_keep_working_across_token_expiries,
    an_expired_token_is_refused_saying_so_and_nothing_is_stored
);
