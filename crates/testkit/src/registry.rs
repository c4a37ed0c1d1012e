//! Talking to the registry in tests of any crate: sample findings and the
//! calls most tests make (report, read the plan, list everything).

use rectify_kit::service::Service;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use tonic::transport::Channel;

use crate::{TestService, authorized};

/// A valid unified social credit code (check character computed).
pub const VALID_CREDIT_CODE: &str = "91350100M000100Y43";

/// Registry calls on a service under test (the registry itself).
pub trait RegistryHarness {
    fn registry(&self) -> RegistryServiceClient<Channel>;

    /// Reports `finding` as `token`, panicking on failure.
    fn report(
        &self,
        token: &str,
        request_id: &str,
        finding: pb::Finding,
    ) -> impl Future<Output = pb::ReportFindingResponse> + Send;

    /// The plan of `enterprise` (`enterprises/{id}`), as the office sees it.
    fn plan(&self, enterprise: &str) -> impl Future<Output = pb::Plan> + Send;

    /// Every enterprise, as the office sees it.
    fn all_enterprises(&self) -> impl Future<Output = Vec<pb::Enterprise>> + Send;

    /// Takes a new workshop `name` in `jurisdiction` from its township's report to a published
    /// `close` plan: the office confirms it, classifies it as the rules suggest (it goes against
    /// national policy), names the responsible person and publishes. Five changes on the feed;
    /// request ids derive from `name`. Returns the enterprise's name.
    fn publish_close_plan(
        &self,
        jurisdiction: &str,
        name: &str,
    ) -> impl Future<Output = String> + Send;

    /// Takes a new workshop `name` in `jurisdiction` from its township's report ([`finding`]:
    /// conforms to national and local policy, an environmental approval and pollution control
    /// missing) to a published `upgrade` plan, the same way as [`Self::publish_close_plan`].
    /// Returns the enterprise's name.
    fn publish_upgrade_plan(
        &self,
        jurisdiction: &str,
        name: &str,
    ) -> impl Future<Output = String> + Send;
}

impl<S: Service> RegistryHarness for TestService<S> {
    fn registry(&self) -> RegistryServiceClient<Channel> {
        RegistryServiceClient::new(self.channel())
    }

    async fn report(
        &self,
        token: &str,
        request_id: &str,
        finding: pb::Finding,
    ) -> pb::ReportFindingResponse {
        self.registry()
            .report_finding(authorized(
                pb::ReportFindingRequest {
                    request_id: request_id.into(),
                    finding: Some(finding),
                },
                token,
            ))
            .await
            .expect("report finding")
            .into_inner()
    }

    async fn plan(&self, enterprise: &str) -> pb::Plan {
        self.registry()
            .get_plan(authorized(
                pb::GetPlanRequest {
                    name: format!("{enterprise}/plan"),
                },
                &self.office(),
            ))
            .await
            .expect("get plan")
            .into_inner()
    }

    async fn all_enterprises(&self) -> Vec<pb::Enterprise> {
        all_enterprises(self.registry(), &self.office()).await
    }

    async fn publish_close_plan(&self, jurisdiction: &str, name: &str) -> String {
        let mut report = finding(jurisdiction, name);
        report.criteria = Some(pb::Criteria {
            conforms_national_policy: Some(false),
            ..Default::default()
        });
        publish_plan(self, report, pb::Category::Close).await
    }

    async fn publish_upgrade_plan(&self, jurisdiction: &str, name: &str) -> String {
        let report = finding(jurisdiction, name);
        publish_plan(self, report, pb::Category::Upgrade).await
    }
}

/// Takes the workshop of `report` from its township's report to a published plan of
/// `category` (the one the rules suggest for it): the office confirms it, classifies it, names
/// the responsible person and publishes. Five changes on the feed; request ids derive from its
/// name. Returns the enterprise's name.
async fn publish_plan<S: Service>(
    service: &TestService<S>,
    report: pb::Finding,
    category: pb::Category,
) -> String {
    let (office, mut registry) = (service.office(), service.registry());
    let (jurisdiction, name) = (report.jurisdiction.clone(), report.enterprise_name.clone());
    let name = name.as_str();
    let reported = service
        .report(
            &service.township(&jurisdiction),
            &request_id("report", name),
            report,
        )
        .await;
    let enterprise = reported
        .enterprise
        .expect("the report names its enterprise");
    let confirmed = registry
        .confirm_enterprise(authorized(
            pb::ConfirmEnterpriseRequest {
                request_id: request_id("confirm", name),
                name: enterprise.name.clone(),
                etag: enterprise.etag.clone(),
            },
            &office,
        ))
        .await
        .expect("confirm")
        .into_inner();
    registry
        .classify_enterprise(authorized(
            pb::ClassifyEnterpriseRequest {
                request_id: request_id("classify", name),
                name: enterprise.name.clone(),
                etag: confirmed.etag,
                category: category as i32,
                reason: String::new(),
            },
            &office,
        ))
        .await
        .expect("classify as suggested");
    let mut plan = service.plan(&enterprise.name).await;
    plan.responsible_person = "李明".into();
    plan.responsible_phone = "13904541111".into();
    let updated = registry
        .update_plan(authorized(
            pb::UpdatePlanRequest {
                request_id: request_id("responsible", name),
                plan: Some(plan),
                update_mask: Some(prost_types::FieldMask {
                    paths: vec!["responsible_person".into(), "responsible_phone".into()],
                }),
            },
            &office,
        ))
        .await
        .expect("update plan")
        .into_inner();
    registry
        .publish_plan(authorized(
            pb::PublishPlanRequest {
                request_id: request_id("publish", name),
                name: updated.name,
                etag: updated.etag,
            },
            &office,
        ))
        .await
        .expect("publish");
    enterprise.name
}

/// A request_id (printable ASCII) for `step` on the workshop `name`.
fn request_id(step: &str, name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| format!("{:x}", u32::from(c)))
        .collect();
    format!("{step}-{name}")
}

/// Every enterprise `token` may list, page by page.
pub async fn all_enterprises(
    mut registry: RegistryServiceClient<Channel>,
    token: &str,
) -> Vec<pb::Enterprise> {
    let mut out = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = registry
            .list_enterprises(authorized(
                pb::ListEnterprisesRequest {
                    page_size: 500,
                    page_token: page_token.clone(),
                    ..Default::default()
                },
                token,
            ))
            .await
            .expect("list enterprises")
            .into_inner();
        out.extend(page.enterprises);
        if page.next_page_token.is_empty() {
            return out;
        }
        page_token = page.next_page_token;
    }
}

/// A valid finding of a rice mill in `jurisdiction`.
pub fn finding(jurisdiction: &str, name: &str) -> pb::Finding {
    pb::Finding {
        source: pb::FindingSource::TownshipSurvey as i32,
        enterprise_name: name.into(),
        credit_code: String::new(),
        operator: Some(pb::Operator {
            name: "王建国".into(),
            phone: "13804541234".into(),
            id_number: "230826197001011234".into(),
        }),
        address: format!("{jurisdiction}村3组"),
        jurisdiction: jurisdiction.into(),
        location: Some(GeoPoint {
            latitude: 46.98,
            longitude: 130.72,
        }),
        industry: "粮食加工".into(),
        criteria: Some(pb::Criteria {
            conforms_national_policy: Some(true),
            conforms_local_layout: Some(true),
            in_industrial_park: Some(true),
            pollution_control_installed: Some(false),
            approvals: Some(pb::Approvals {
                environmental: Some(false),
                ..Default::default()
            }),
            ..Default::default()
        }),
        note: String::new(),
        ..Default::default()
    }
}

/// `request` carrying W3C trace context: trace `trace_id`, sampled.
pub fn with_traceparent<T>(mut request: tonic::Request<T>, trace_id: &str) -> tonic::Request<T> {
    let value = format!("00-{trace_id}-00f067aa0ba902b7-01");
    request
        .metadata_mut()
        .insert("traceparent", value.parse().expect("traceparent is ASCII"));
    request
}
