//! The shared conformance suite, run by the registry on both backends.

use futures::future::BoxFuture;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_registry::Registry;
use rectify_testkit::conformance::{Subject, run_all};
use rectify_testkit::registry::finding;
use rectify_testkit::{Backend, TestService, authorized, authorized_if, on_both_backends};
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

    fn write(
        &self,
        writer: usize,
        n: usize,
        request_id: String,
        variant: bool,
    ) -> BoxFuture<'static, Result<(), Status>> {
        let mut client = RegistryServiceClient::new(self.channel());
        let token = self.0.office();
        let mut f = finding("yuelai", &format!("写入者{writer}第{n}号作坊"));
        f.address = format!("悦来镇{writer}村{n}组");
        if variant {
            f.note = "内容不同的另一次上报".into();
        }
        Box::pin(async move {
            client
                .report_finding(authorized(
                    pb::ReportFindingRequest {
                        request_id,
                        finding: Some(f),
                    },
                    &token,
                ))
                .await
                .map(|_| ())
        })
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let mut client = RegistryServiceClient::new(self.channel());
        Box::pin(async move {
            let request = authorized_if(pb::GetCampaignRequest {}, token.as_deref());
            client.get_campaign(request).await.map(|_| ())
        })
    }

    fn oversized_write(&self) -> BoxFuture<'static, Result<(), Status>> {
        let mut client =
            RegistryServiceClient::new(self.channel()).max_encoding_message_size(64 * 1024 * 1024);
        let token = self.0.office();
        let mut f = finding("yuelai", "超大请求作坊");
        f.note = "x".repeat(5 * 1024 * 1024);
        Box::pin(async move {
            client
                .report_finding(authorized(
                    pb::ReportFindingRequest {
                        request_id: "huge".into(),
                        finding: Some(f),
                    },
                    &token,
                ))
                .await
                .map(|_| ())
        })
    }
}

async fn the_registry_conforms(backend: Backend) {
    let Some(app) = TestService::<Registry>::spawn(backend).await else {
        return;
    };
    run_all(&RegistryUnderTest(app)).await;
}

on_both_backends!(the_registry_conforms);
