//! The shared conformance suite, run by the registry on both backends.

use futures::future::BoxFuture;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_registry::Registry;
use rectify_testkit::conformance::{Subject, Write, run_all};
use rectify_testkit::registry::finding;
use rectify_testkit::{Backend, TestService, conformance_call, on_both_backends};
use tonic::Status;

struct RegistryUnderTest(TestService<Registry>);

impl Subject for RegistryUnderTest {
    type Service = Registry;

    fn server(&self) -> &TestService<Registry> {
        &self.0
    }

    fn served(&self) -> Vec<&'static str> {
        vec!["rectify.registry.v1.RegistryService"]
    }

    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        let (writer, n) = (write.writer, write.n);
        let mut f = finding("yuelai", &format!("写入者{writer}第{n}号作坊"));
        f.address = format!("悦来镇{writer}村{n}组");
        let note = if write.variant {
            "内容不同的另一次上报"
        } else {
            ""
        };
        f.note = format!("{note}{}", write.filler());
        let request = pb::ReportFindingRequest {
            request_id: write.request_id.clone(),
            finding: Some(f),
        };
        let client = RegistryServiceClient::new(self.channel());
        conformance_call!(client, report_finding, request, self.0.office())
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let client = RegistryServiceClient::new(self.channel());
        conformance_call!(client, get_campaign, pb::GetCampaignRequest {}, token)
    }
}

async fn the_registry_conforms(backend: Backend) {
    let Some(app) = TestService::<Registry>::spawn(backend).await else {
        return;
    };
    run_all(&RegistryUnderTest(app)).await;
}

on_both_backends!(the_registry_conforms);
