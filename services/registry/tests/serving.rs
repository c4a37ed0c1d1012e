//! The server as an operator sees it before its database answers: health
//! NOT_SERVING and calls UNAVAILABLE. (SERVING and reflection are in the
//! shared conformance suite.)

use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;

#[tokio::test]
async fn health_is_not_serving_while_the_database_is_unreachable() {
    let keys = rectify_testkit::TestKeys::new();
    // Nothing listens on port 1: the pool connects lazily and keeps failing.
    let config = rectify_testkit::args("postgres://postgres@127.0.0.1:1/registry", &keys.jwks_path);
    let server = rectify_testkit::RunningServer::spawn(move |listener, stop| async move {
        rectify_registry::App::build(config, listener, stop)
            .await?
            .run_until_stopped()
            .await
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let status = HealthClient::new(server.channel())
        .check(HealthCheckRequest {
            service: String::new(),
        })
        .await
        .expect("health answers without a database")
        .into_inner()
        .status();
    assert_eq!(status, ServingStatus::NotServing);
    let token = keys.token(
        "registry",
        "office",
        rectify_kit::auth::PartyKind::Office,
        &[],
    );
    let refused = rectify_proto::registry::v1::registry_service_client::RegistryServiceClient::new(
        server.channel(),
    )
    .get_campaign(rectify_testkit::authorized(
        rectify_proto::registry::v1::GetCampaignRequest {},
        &token,
    ))
    .await
    .expect_err("no calls before the database is ready");
    assert_eq!(refused.code(), tonic::Code::Unavailable, "{refused:?}");
    server.shutdown().await;
}
