//! The shared conformance suite, run by environment on both backends: health and reflection,
//! tokens, retries and reused request_ids, the message limit, the feed under concurrent
//! writers, database errors kept from the client. Each write is one sewage outlet check by eco
//! on the daily supervision item of a published upgrade plan: exactly one change.

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_environment::Environment;
use rectify_proto::environment::v1 as pb;
use rectify_testkit::conformance::{Subject, run_all};
use rectify_testkit::{Backend, TestService, authorized, authorized_if, on_both_backends};
use tonic::Status;

struct EnvironmentUnderTest {
    scene: Scene,
    /// The daily supervision item every write checks an outlet of.
    supervised: String,
}

impl EnvironmentUnderTest {
    fn check(
        &self,
        request: pb::RecordSewageOutletCheckRequest,
    ) -> BoxFuture<'static, Result<(), Status>> {
        let mut client = self
            .scene
            .client()
            .max_encoding_message_size(64 * 1024 * 1024);
        let token = self.scene.eco();
        Box::pin(async move {
            client
                .record_sewage_outlet_check(authorized(request, &token))
                .await
                .map(|_| ())
        })
    }
}

impl Subject for EnvironmentUnderTest {
    type Service = Environment;

    fn server(&self) -> &TestService<Environment> {
        &self.scene.environment
    }

    fn served(&self) -> Vec<&'static str> {
        vec![
            "rectify.environment.v1.EnvironmentService",
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
        let mut request = outlet_check(&request_id, &self.supervised);
        request.outlet_code = format!("DW{writer:02}{n:03}");
        request.conforming = !variant;
        self.check(request)
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let mut client = self.scene.client();
        let list = pb::ListDuePatrolsRequest::default();
        Box::pin(async move {
            let request = authorized_if(list, token.as_deref());
            client.list_due_patrols(request).await.map(|_| ())
        })
    }

    fn oversized_write(&self) -> BoxFuture<'static, Result<(), Status>> {
        let mut request = outlet_check("huge", &self.supervised);
        request.note = "x".repeat(5 * 1024 * 1024);
        self.check(request)
    }
}

async fn environment_conforms(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let (_, supervision) = scene.upgrade().await;
    run_all(&EnvironmentUnderTest {
        scene,
        supervised: supervision.name,
    })
    .await;
}

on_both_backends!(environment_conforms);
