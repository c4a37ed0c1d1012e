//! The shared conformance suite, run by licensing on both backends through `LicensingService`:
//! health and reflection, tokens, retries and reused request_ids, the message limit, the feed
//! under concurrent writers, database errors kept from the client. Each writer sets one approval
//! of an enterprise an upgrade plan gave licensing, as the approval's bureau.

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_proto::licensing::v1 as pb;
use rectify_proto::licensing::v1::licensing_service_server;
use rectify_proto::registry::v1 as rpb;
use rectify_testkit::conformance::{Bureau, BureauApi, Write, run_all};
use rectify_testkit::{Backend, conformance_call, on_both_backends};
use tonic::Status;

/// The approvals in the plan's order, as the API numbers them.
const KINDS: [pb::ApprovalKind; 7] = [
    pb::ApprovalKind::MiitFiling,
    pb::ApprovalKind::NdrcProject,
    pb::ApprovalKind::LandUse,
    pb::ApprovalKind::Environmental,
    pb::ApprovalKind::BusinessLicence,
    pb::ApprovalKind::Safety,
    pb::ApprovalKind::WaterIntake,
];
const BUREAUS: [&str; 7] = ["miit", "ndrc", "land", "eco", "market", "safety", "water"];

struct LicensingUnderTest {
    scene: Scene,
    /// Enough enterprises for one (enterprise, approval) per writer.
    enterprises: Vec<String>,
}

impl LicensingUnderTest {
    /// Writer `writer`'s enterprise, approval and the token of its bureau.
    fn target(&self, writer: usize) -> (String, pb::ApprovalKind, String) {
        let slot = writer % (self.enterprises.len() * KINDS.len());
        let (enterprise, kind) = (slot / KINDS.len(), slot % KINDS.len());
        (
            self.enterprises[enterprise].clone(),
            KINDS[kind],
            self.scene.bureau(BUREAUS[kind]),
        )
    }
}

impl BureauApi for LicensingUnderTest {
    const SERVICE_NAME: &'static str = licensing_service_server::SERVICE_NAME;

    /// Even writes mark the approval applied, odd ones missing; the variant refuses it.
    fn write(&self, write: Write) -> BoxFuture<'static, Result<(), Status>> {
        let (n, variant) = (write.n, write.variant);
        let (enterprise, kind, token) = self.target(write.writer);
        let status = match (variant, n.is_multiple_of(2)) {
            (true, _) => pb::ApprovalStatus::Refused,
            (false, true) => pb::ApprovalStatus::Applied,
            (false, false) => pb::ApprovalStatus::Missing,
        };
        let reason = if variant { "材料不全" } else { "" };
        let request = pb::SetApprovalRequest {
            request_id: write.request_id.clone(),
            enterprise,
            kind: kind as i32,
            status: status as i32,
            reason: format!("{reason}{}", write.filler()),
            ..Default::default()
        };
        conformance_call!(self.scene.client(), set_approval, request, token)
    }

    fn read(&self, token: Option<String>) -> BoxFuture<'static, Result<(), Status>> {
        let list = pb::ListEnterprisesByMissingApprovalRequest {
            page_size: 1,
            ..Default::default()
        };
        let client = self.scene.client();
        conformance_call!(client, list_enterprises_by_missing_approval, list, token)
    }
}

async fn licensing_conforms(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let missing = rpb::Approvals {
        environmental: Some(false),
        ..Default::default()
    };
    let mut enterprises = Vec::new();
    for name in ["悦来镇宏达米业", "悦来镇永兴砖厂", "悦来镇金鑫塑料厂"] {
        let (enterprise, _) = scene.upgrade(name, missing, 1).await;
        enterprises.push(enterprise);
    }
    let subject = LicensingUnderTest { scene, enterprises };
    run_all(&Bureau {
        server: &subject.scene.service,
        api: &subject,
    })
    .await;
}

on_both_backends!(licensing_conforms);
