//! What the licensing tests share: the registry and licensing as separate servers on their own
//! databases with shared keys, licensing following the registry on a clock the test holds;
//! published plans and the items they give licensing; good requests; tokens.

#![allow(dead_code)]

use std::ops::Deref;

use rectify_kit::parse::timestamp;
use rectify_licensing::Licensing;
use rectify_proto::licensing::v1 as pb;
use rectify_proto::licensing::v1::licensing_service_client::LicensingServiceClient;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::workitems::v1 as wpb;
use rectify_registry::Registry;
use rectify_testkit::bureau::BureauScene;
use rectify_testkit::pages::every_page;
use rectify_testkit::workitems::{close_plan_items, upgrade_plan_items};
use rectify_testkit::{Backend, authorized};
use tonic::transport::Channel;

pub use rectify_kit::clock::instant as at;
pub use rectify_testkit::bureau::NOW;

/// Today in CST at [`NOW`].
pub const TODAY: &str = "2021-10-15";

/// SHA-256 of a scanned permit.
pub const SCAN: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/// The registry and licensing following it.
pub struct Scene(BureauScene<Registry, Licensing>);

/// The registry, licensing and their tokens, as the tests reach them through the scene.
impl Deref for Scene {
    type Target = BureauScene<Registry, Licensing>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Scene {
    /// Both services on fresh databases of `backend`; `None` where it is not available.
    pub async fn spawn(backend: Backend) -> Option<Scene> {
        BureauScene::spawn(backend).await.map(Scene)
    }

    /// A published close plan of `name` in `jurisdiction` and its two licensing items.
    pub async fn close(&self, jurisdiction: &str, name: &str) -> (String, Vec<wpb::WorkItem>) {
        close_plan_items(&self.registry, &self.service, jurisdiction, name, 2).await
    }

    /// A published upgrade plan of `name` in 悦来镇 lacking the approvals `approvals` marks
    /// false, and its `count` licensing items.
    pub async fn upgrade(
        &self,
        name: &str,
        approvals: rpb::Approvals,
        count: usize,
    ) -> (String, Vec<wpb::WorkItem>) {
        upgrade_plan_items(
            &self.registry,
            &self.service,
            "yuelai",
            name,
            approvals,
            count,
        )
        .await
    }

    pub fn client(&self) -> LicensingServiceClient<Channel> {
        LicensingServiceClient::new(self.service.channel())
    }

    /// The matrix of `enterprise` as the office reads it.
    pub async fn approvals(&self, enterprise: &str) -> pb::EnterpriseApprovals {
        self.client()
            .get_approvals(authorized(
                pb::GetApprovalsRequest {
                    name: format!("{enterprise}/approvals"),
                },
                &self.office(),
            ))
            .await
            .expect("get approvals")
            .into_inner()
    }

    /// The approvals of `enterprise` once `kind` shows `status` (the findings' follower runs
    /// beside the items' one and may lag behind it), waiting up to 20 s.
    pub async fn approvals_once(
        &self,
        enterprise: &str,
        kind: pb::ApprovalKind,
        status: pb::ApprovalStatus,
    ) -> pb::EnterpriseApprovals {
        for _ in 0..400 {
            let found = self
                .client()
                .get_approvals(authorized(
                    pb::GetApprovalsRequest {
                        name: format!("{enterprise}/approvals"),
                    },
                    &self.office(),
                ))
                .await;
            if let Ok(matrix) = found {
                let matrix = matrix.into_inner();
                if status_of(&matrix, kind) == status {
                    return matrix;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("{enterprise}: {kind:?} never became {status:?}")
    }

    /// The ids of the enterprises lacking `kind`, every page of `page_size`, as the office
    /// lists them.
    pub async fn lacking(&self, kind: pb::ApprovalKind, page_size: i32) -> Vec<String> {
        every_page(|page_token| async move {
            let page = self
                .client()
                .list_enterprises_by_missing_approval(authorized(
                    pb::ListEnterprisesByMissingApprovalRequest {
                        kind: kind as i32,
                        page_size,
                        page_token,
                        ..Default::default()
                    },
                    &self.office(),
                ))
                .await
                .expect("list lacking")
                .into_inner();
            let enterprises = page.enterprises.into_iter().map(|e| e.enterprise);
            (enterprises.collect(), page.next_page_token)
        })
        .await
    }
}

/// The status of `kind` in `matrix`.
pub fn status_of(matrix: &pb::EnterpriseApprovals, kind: pb::ApprovalKind) -> pb::ApprovalStatus {
    let approval = matrix
        .approvals
        .iter()
        .find(|a| a.kind == kind as i32)
        .unwrap_or_else(|| panic!("{kind:?} in {matrix:?}"));
    pb::ApprovalStatus::try_from(approval.status).expect("known status")
}

/// Evidence of one scanned document taken at [`NOW`].
pub fn scan() -> Option<wpb::Evidence> {
    Some(wpb::Evidence {
        attachments: vec![wpb::Attachment {
            sha256: SCAN.into(),
            file_name: "permit.pdf".into(),
            media_type: "application/pdf".into(),
        }],
        taken_at: Some(timestamp(at(NOW))),
        ..Default::default()
    })
}

/// A grant of the environmental approval of `enterprise`, request `request_id`.
pub fn grant(request_id: &str, enterprise: &str) -> pb::SetApprovalRequest {
    pb::SetApprovalRequest {
        request_id: request_id.into(),
        enterprise: enterprise.into(),
        kind: pb::ApprovalKind::Environmental as i32,
        status: pb::ApprovalStatus::Granted as i32,
        permit_number: "华环审〔2021〕12号".into(),
        issuer: "桦川县生态环境局".into(),
        granted_on: TODAY.into(),
        evidence: scan(),
        ..Default::default()
    }
}

/// The market bureau's revocation of the licence on `work_item`, request `request_id`.
pub fn licence_revocation(request_id: &str, work_item: &str) -> pb::RecordLicenceRevocationRequest {
    pb::RecordLicenceRevocationRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        outcome: pb::LicenceOutcome::Revoked as i32,
        decision_number: "华市监吊字〔2021〕3号".into(),
        decided_on: TODAY.into(),
        evidence: scan(),
        ..Default::default()
    }
}

/// The water bureau's revocation of the permit on `work_item`, request `request_id`.
pub fn water_permit_revocation(
    request_id: &str,
    work_item: &str,
) -> pb::RecordWaterPermitRevocationRequest {
    pb::RecordWaterPermitRevocationRequest {
        request_id: request_id.into(),
        work_item: work_item.into(),
        decision_number: "华水吊字〔2021〕1号".into(),
        decided_on: TODAY.into(),
        evidence: scan(),
        ..Default::default()
    }
}
