//! The shared conformance suite, run by safety on both backends. Each write is an inspection
//! with a major hazard of an item already blocked by one: exactly one change (the inspection).

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_proto::safety::v1 as pb;
use rectify_proto::safety::v1::safety_service_client::SafetyServiceClient;
use rectify_safety::Safety;
use rectify_testkit::conformance::{Subject, Write, run_all};
use rectify_testkit::{Backend, TestService, conformance_call, on_both_backends};
use tonic::Status;

struct SafetyUnderTest(Scene);

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

    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        let (writer, n, filler) = (write.writer, write.n, write.filler());
        let description = format!("检查组{writer}第{n}次复查：粉尘车间电气不防爆{filler}");
        let mut request = inspection(
            &write.request_id,
            &self.0.item.name,
            vec![hazard(pb::HazardLevel::Major, &description)],
        );
        if write.variant {
            request.inspectors = vec!["另一名检查人员".into()];
        }
        let client = SafetyServiceClient::new(self.channel());
        conformance_call!(client, record_inspection, request, self.0.bureau("safety"))
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let client = SafetyServiceClient::new(self.channel());
        let list = pb::ListInspectionsRequest::default();
        conformance_call!(client, list_inspections, list, token)
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
