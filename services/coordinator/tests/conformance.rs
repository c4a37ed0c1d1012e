//! The shared conformance suite, as far as it applies to a service whose one write is the
//! office's sign-off of a complete enterprise: health and reflection, bad tokens, the message
//! limit and database errors kept from the client. (Retries of a sign-off are checked with a
//! complete enterprise in `tests/coordinator_sign_off.rs` of `rectify-tests`; the feed under
//! concurrent writers by the services that write many changes.)

mod common;

use common::Scene;
use futures::future::BoxFuture;
use rectify_coordinator::Coordinator;
use rectify_proto::coordinator::v1 as pb;
use rectify_testkit::conformance::{
    Subject, Write, an_oversized_message_is_refused_before_it_is_read,
    bad_tokens_are_unauthenticated, database_errors_never_reach_the_client,
    health_is_serving_and_reflection_lists_what_is_served,
};
use rectify_testkit::{Backend, TestService, conformance_call, on_both_backends};
use tonic::Status;

struct CoordinatorUnderTest(Scene);

impl Subject for CoordinatorUnderTest {
    type Service = Coordinator;

    fn server(&self) -> &TestService<Coordinator> {
        &self.0.coordinator
    }

    fn served(&self) -> Vec<&'static str> {
        vec!["rectify.coordinator.v1.CoordinatorService"]
    }

    fn feed_reader(&self) -> String {
        self.0.office()
    }

    /// A sign-off of an enterprise the coordinator has never seen: refused (NOT_FOUND) after
    /// the write envelope has looked for an earlier answer.
    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        let note = if write.variant { "另一说明" } else { "" };
        let request = pb::SignOffEnterpriseRequest {
            request_id: write.request_id.clone(),
            name: format!("enterprises/w{}n{}", write.writer, write.n),
            note: format!("{note}{}", write.filler()),
        };
        conformance_call!(
            self.0.client(),
            sign_off_enterprise,
            request,
            self.0.office()
        )
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        conformance_call!(
            self.0.client(),
            get_summary,
            pb::GetSummaryRequest {},
            token
        )
    }
}

async fn the_coordinator_conforms(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let subject = CoordinatorUnderTest(scene);
    health_is_serving_and_reflection_lists_what_is_served(&subject).await;
    bad_tokens_are_unauthenticated(&subject).await;
    an_oversized_message_is_refused_before_it_is_read(&subject).await;
    database_errors_never_reach_the_client(&subject).await;
}

on_both_backends!(the_coordinator_conforms);
