//! The shared conformance suite, run by safety on both backends. Each write is an inspection
//! with a major hazard of an item already blocked by one: exactly one change (the inspection).

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_proto::safety::v1 as pb;
use rectify_proto::safety::v1::safety_service_client::SafetyServiceClient;
use rectify_safety::Safety;
use rectify_testkit::conformance::{Subject, run_all};
use rectify_testkit::{Backend, TestService, authorized, authorized_if, on_both_backends};
use tonic::Status;

struct SafetyUnderTest(Scene);

impl SafetyUnderTest {
    fn call(&self, request: pb::RecordInspectionRequest) -> BoxFuture<'static, Result<(), Status>> {
        let mut client =
            SafetyServiceClient::new(self.channel()).max_encoding_message_size(64 * 1024 * 1024);
        let token = self.0.bureau("safety");
        Box::pin(async move {
            client
                .record_inspection(authorized(request, &token))
                .await
                .map(|_| ())
        })
    }
}

impl Subject for SafetyUnderTest {
    type Service = Safety;

    fn server(&self) -> &TestService<Safety> {
        &self.0.safety
    }

    fn served(&self) -> Vec<&'static str> {
        vec![
            "rectify.safety.v1.SafetyService",
            "rectify.workitems.v1.WorkItemService",
        ]
    }

    fn write(
        &self,
        writer: usize,
        n: usize,
        request_id: String,
        variant: bool,
    ) -> BoxFuture<'static, Result<(), Status>> {
        let description = format!("检查组{writer}第{n}次复查：粉尘车间电气不防爆");
        let mut request = inspection(
            &request_id,
            &self.0.item.name,
            vec![hazard(pb::HazardLevel::Major, &description)],
        );
        if variant {
            request.inspectors = vec!["另一名检查人员".into()];
        }
        self.call(request)
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let mut client = SafetyServiceClient::new(self.channel());
        Box::pin(async move {
            let request = authorized_if(pb::ListInspectionsRequest::default(), token.as_deref());
            client.list_inspections(request).await.map(|_| ())
        })
    }

    fn oversized_write(&self) -> BoxFuture<'static, Result<(), Status>> {
        let mut request = inspection("huge", &self.0.item.name, Vec::new());
        request.inspectors = vec!["x".repeat(5 * 1024 * 1024)];
        self.call(request)
    }
}

async fn safety_conforms(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let blocking = inspection(
        "blocking",
        &scene.item.name,
        vec![hazard(pb::HazardLevel::Major, "粉尘车间电气不防爆")],
    );
    scene.inspect(blocking).await;
    run_all(&SafetyUnderTest(scene)).await;
}

on_both_backends!(safety_conforms);
