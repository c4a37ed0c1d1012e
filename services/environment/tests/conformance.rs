//! The shared conformance suite, run by environment on both backends: health and reflection,
//! tokens, retries and reused request_ids, the message limit, the feed under concurrent
//! writers, database errors kept from the client. Each write is one sewage outlet check by eco
//! on the daily supervision item of a published upgrade plan: exactly one change.

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_proto::environment::v1 as pb;
use rectify_proto::environment::v1::environment_service_server;
use rectify_testkit::conformance::{Bureau, BureauApi, Write, run_all};
use rectify_testkit::{Backend, conformance_call, on_both_backends};
use tonic::Status;

struct EnvironmentUnderTest {
    scene: Scene,
    /// The daily supervision item every write checks an outlet of.
    supervised: String,
}

impl BureauApi for EnvironmentUnderTest {
    const SERVICE_NAME: &'static str = environment_service_server::SERVICE_NAME;

    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        let mut request = outlet_check(&write.request_id, &self.supervised);
        request.outlet_code = format!("DW{:02}{:03}", write.writer, write.n);
        request.conforming = !write.variant;
        request.note = write.filler();
        let token = self.scene.eco();
        conformance_call!(
            self.scene.client(),
            record_sewage_outlet_check,
            request,
            token
        )
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let list = pb::ListDuePatrolsRequest::default();
        conformance_call!(self.scene.client(), list_due_patrols, list, token)
    }
}

async fn environment_conforms(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let (_, supervision) = scene.upgrade().await;
    let subject = EnvironmentUnderTest {
        scene,
        supervised: supervision.name,
    };
    run_all(&Bureau {
        server: &subject.scene.service,
        api: &subject,
    })
    .await;
}

on_both_backends!(environment_conforms);
