//! The server as an operator sees it: health SERVING once migrated, and
//! reflection listing exactly the services it serves.

use rectify_registry::Registry;

use rectify_testkit::Backend;
use rectify_testkit::{TestService, on_both_backends};
use tokio_stream::StreamExt as _;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_reflection::pb::v1::ServerReflectionRequest;
use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

type TestApp = TestService<Registry>;

async fn health_is_serving_and_reflection_lists_the_services(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut health = HealthClient::new(app.server.channel());
    for service in [
        "",
        "rectify.registry.v1.RegistryService",
        "rectify.feed.v1.FeedService",
    ] {
        let status = health
            .check(HealthCheckRequest {
                service: service.into(),
            })
            .await
            .expect("health check")
            .into_inner()
            .status();
        assert_eq!(status, ServingStatus::Serving, "health of {service:?}");
    }

    let mut reflection = ServerReflectionClient::new(app.server.channel());
    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut answers = reflection
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("reflection")
        .into_inner();
    let answer = answers.next().await.expect("one answer").expect("ok");
    let Some(MessageResponse::ListServicesResponse(list)) = answer.message_response else {
        panic!("unexpected reflection answer {answer:?}");
    };
    let mut names: Vec<_> = list.service.into_iter().map(|s| s.name).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "grpc.health.v1.Health",
            "rectify.feed.v1.FeedService",
            "rectify.registry.v1.RegistryService",
        ],
        "reflection lists what this server serves"
    );

    use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient as AlphaClient;
    use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest as AlphaRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_response::MessageResponse as AlphaResponse;
    let request = tonic_reflection::pb::v1alpha::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(AlphaRequest::ListServices(String::new())),
    };
    let answer = AlphaClient::new(app.server.channel())
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("v1alpha reflection, for older clients")
        .into_inner()
        .next()
        .await
        .expect("one answer")
        .expect("ok");
    let Some(AlphaResponse::ListServicesResponse(list)) = answer.message_response else {
        panic!("unexpected reflection answer {answer:?}");
    };
    assert_eq!(list.service.len(), 3, "v1alpha lists the same services");
}

on_both_backends!(health_is_serving_and_reflection_lists_the_services);

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
