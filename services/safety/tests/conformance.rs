//! The shared conformance suite, run by safety on both backends. Each write is an inspection
//! with a major hazard of an item already blocked by one: exactly one change (the inspection).

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_proto::safety::v1 as pb;
use rectify_proto::safety::v1::safety_service_server;
use rectify_testkit::conformance::{Bureau, BureauApi, Write, run_all};
use rectify_testkit::{Backend, conformance_call, on_both_backends};
use tonic::Status;

impl BureauApi for Scene {
    const SERVICE_NAME: &'static str = safety_service_server::SERVICE_NAME;

    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        let (writer, n, filler) = (write.writer, write.n, write.filler());
        let description = format!("检查组{writer}第{n}次复查：粉尘车间电气不防爆{filler}");
        let mut request = self.inspection(
            &write.request_id,
            vec![hazard(pb::HazardLevel::Major, &description)],
        );
        if write.variant {
            request.inspectors = vec!["另一名检查人员".into()];
        }
        let client = self.client();
        conformance_call!(client, record_inspection, request, self.bureau("safety"))
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let client = self.client();
        let list = pb::ListInspectionsRequest::default();
        conformance_call!(client, list_inspections, list, token)
    }
}

async fn safety_conforms(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let blocking = scene.inspection(
        "blocking",
        vec![hazard(pb::HazardLevel::Major, "粉尘车间电气不防爆")],
    );
    scene.inspect(blocking).await;
    run_all(&Bureau {
        server: &scene.service,
        api: &scene,
    })
    .await;
}

on_both_backends!(safety_conforms);
