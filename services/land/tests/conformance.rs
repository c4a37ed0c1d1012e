//! The shared conformance suite, run by land on both backends: health and reflection, tokens,
//! retries and reused request_ids, the message limit, the feed under concurrent writers,
//! database errors kept from the client. Each write is one planning finding by the land bureau
//! on the enterprise of the published relocate plan: exactly one change.

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_proto::land::v1 as pb;
use rectify_proto::land::v1::land_service_server;
use rectify_testkit::conformance::{Bureau, BureauApi, Write, run_all};
use rectify_testkit::{Backend, conformance_call, on_both_backends};
use tonic::Status;

impl BureauApi for Scene {
    const SERVICE_NAME: &'static str = land_service_server::SERVICE_NAME;

    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        let (writer, n, variant) = (write.writer, write.n, write.variant);
        let mut request = finding(&write.request_id, &self.enterprise);
        if let Some(f) = request.finding.as_mut() {
            f.note = format!(
                "writer {writer}, write {n}, variant {variant}{}",
                write.filler()
            );
        }
        let token = self.bureau("land");
        conformance_call!(self.client(), record_planning_finding, request, token)
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let list = pb::ListLandRecordsRequest {
            page_size: 1,
            ..Default::default()
        };
        conformance_call!(self.client(), list_land_records, list, token)
    }
}

async fn land_conforms(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    run_all(&Bureau {
        server: &scene.service,
        api: &scene,
    })
    .await;
}

on_both_backends!(land_conforms);
