//! Health SERVING for every service served, and reflection (v1 and v1alpha)
//! listing exactly those.

use tokio_stream::StreamExt as _;
use tonic_health::pb::HealthCheckRequest;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_reflection::pb::v1::ServerReflectionRequest;
use tonic_reflection::pb::v1::server_reflection_client::ServerReflectionClient;
use tonic_reflection::pb::v1::server_reflection_request::MessageRequest;
use tonic_reflection::pb::v1::server_reflection_response::MessageResponse;

use super::Subject;

const FEED: &str = "rectify.feed.v1.FeedService";
const HEALTH: &str = "grpc.health.v1.Health";

pub async fn health_is_serving_and_reflection_lists_what_is_served<S: Subject>(subject: &S) {
    let who = subject.audience();
    let mut health = HealthClient::new(subject.channel());
    let served = subject.served();
    for service in std::iter::once("")
        .chain([FEED])
        .chain(served.iter().copied())
    {
        let status = health
            .check(HealthCheckRequest {
                service: service.into(),
            })
            .await
            .expect("health check")
            .into_inner()
            .status();
        assert_eq!(
            status,
            ServingStatus::Serving,
            "{who}: health of {service:?}"
        );
    }

    let mut expected: Vec<String> = served
        .iter()
        .chain([FEED, HEALTH].iter())
        .map(|s| (*s).to_owned())
        .collect();
    expected.sort();
    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let answer = ServerReflectionClient::new(subject.channel())
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("reflection v1")
        .into_inner()
        .next()
        .await
        .expect("one answer")
        .expect("ok");
    let Some(MessageResponse::ListServicesResponse(list)) = answer.message_response else {
        panic!("{who}: unexpected reflection answer {answer:?}");
    };
    let mut names: Vec<_> = list.service.into_iter().map(|s| s.name).collect();
    names.sort();
    assert_eq!(names, expected, "{who}: reflection v1 lists what is served");

    use tonic_reflection::pb::v1alpha::server_reflection_client::ServerReflectionClient as AlphaClient;
    use tonic_reflection::pb::v1alpha::server_reflection_request::MessageRequest as AlphaRequest;
    use tonic_reflection::pb::v1alpha::server_reflection_response::MessageResponse as AlphaResponse;
    let request = tonic_reflection::pb::v1alpha::ServerReflectionRequest {
        host: String::new(),
        message_request: Some(AlphaRequest::ListServices(String::new())),
    };
    let answer = AlphaClient::new(subject.channel())
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .expect("reflection v1alpha, for older clients")
        .into_inner()
        .next()
        .await
        .expect("one answer")
        .expect("ok");
    let Some(AlphaResponse::ListServicesResponse(list)) = answer.message_response else {
        panic!("{who}: unexpected reflection answer {answer:?}");
    };
    let mut names: Vec<_> = list.service.into_iter().map(|s| s.name).collect();
    names.sort();
    assert_eq!(names, expected, "{who}: reflection v1alpha lists the same");
}
