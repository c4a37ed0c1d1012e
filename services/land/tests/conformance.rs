//! The shared conformance suite, run by land on both backends: health and reflection, tokens,
//! retries and reused request_ids, the message limit, the feed under concurrent writers,
//! database errors kept from the client. Each write is one planning finding by the land bureau
//! on the enterprise of the published relocate plan: exactly one change.

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_land::Land;
use rectify_proto::land::v1 as pb;
use rectify_testkit::conformance::{Subject, run_all};
use rectify_testkit::{Backend, TestService, authorized, authorized_if, on_both_backends};
use tonic::Status;

struct LandUnderTest(Scene);

impl Subject for LandUnderTest {
    type Service = Land;

    fn server(&self) -> &TestService<Land> {
        &self.0.land
    }

    fn served(&self) -> Vec<&'static str> {
        vec![
            "rectify.land.v1.LandService",
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
        let mut request = finding(&request_id, &self.0.enterprise);
        if let Some(f) = request.finding.as_mut() {
            f.note = format!("writer {writer}, write {n}, variant {variant}");
        }
        let mut client = self.0.client();
        let token = self.0.bureau("land");
        Box::pin(async move {
            client
                .record_planning_finding(authorized(request, &token))
                .await
                .map(|_| ())
        })
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let mut client = self.0.client();
        let list = pb::ListLandRecordsRequest {
            page_size: 1,
            ..Default::default()
        };
        Box::pin(async move {
            let request = authorized_if(list, token.as_deref());
            client.list_land_records(request).await.map(|_| ())
        })
    }

    fn oversized_write(&self) -> BoxFuture<'static, Result<(), Status>> {
        let mut request = finding("huge", &self.0.enterprise);
        if let Some(f) = request.finding.as_mut() {
            f.note = "x".repeat(5 * 1024 * 1024);
        }
        let mut client = self.0.client().max_encoding_message_size(64 * 1024 * 1024);
        let token = self.0.bureau("land");
        Box::pin(async move {
            client
                .record_planning_finding(authorized(request, &token))
                .await
                .map(|_| ())
        })
    }
}

async fn land_conforms(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    run_all(&LandUnderTest(scene)).await;
}

on_both_backends!(land_conforms);
