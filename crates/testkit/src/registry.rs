//! Talking to the registry in tests of any crate: sample findings and the
//! calls most tests make (report, read the plan, list everything).

use rectify_kit::service::Service;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use tonic::transport::Channel;

use crate::pages::every_page;
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

    /// Takes a new workshop `name` in `jurisdiction` to a published `upgrade` plan: reported
    /// conforming to policy and layout, in an industrial park, lacking pollution control and
    /// holding the approvals `approvals` says (false = missing, e.g. `environmental:
    /// Some(false)`), then confirmed, classified upgrade, given its responsible person and
    /// published as [`RegistryHarness::publish_plan`] does. Returns the enterprise's name.
    fn publish_upgrade_plan(
        &self,
        jurisdiction: &str,
        name: &str,
        approvals: pb::Approvals,
    ) -> impl Future<Output = String> + Send;

    /// Takes a new workshop `name` in `jurisdiction`, reported with `criteria`, to a published
    /// plan of `category`: the township reports it, the office confirms it, classifies it
    /// (overriding the suggestion, where it differs, with a stated reason), names the
    /// responsible person and publishes. Five changes on the feed; request ids derive from
    /// `name`. Returns the enterprise's name.
    fn publish_plan(
        &self,
        jurisdiction: &str,
        name: &str,
        criteria: pb::Criteria,
        category: pb::Category,
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
        let criteria = pb::Criteria {
            conforms_national_policy: Some(false),
            ..Default::default()
        };
        self.publish_plan(jurisdiction, name, criteria, pb::Category::Close)
            .await
    }

    async fn publish_upgrade_plan(
        &self,
        jurisdiction: &str,
        name: &str,
        approvals: pb::Approvals,
    ) -> String {
        let mut criteria = finding(jurisdiction, name)
            .criteria
            .expect("the sample finding has criteria");
        criteria.approvals = Some(approvals);
        self.publish_plan(jurisdiction, name, criteria, pb::Category::Upgrade)
            .await
    }

    async fn publish_plan(
        &self,
        jurisdiction: &str,
        name: &str,
        criteria: pb::Criteria,
        category: pb::Category,
    ) -> String {
        let office = self.office();
        let mut registry = self.registry();
        let mut report = finding(jurisdiction, name);
        report.criteria = Some(criteria);
        let reported = self
            .report(
                &self.township(jurisdiction),
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
                    reason: "现场核实后确定 (settled on site)".into(),
                },
                &office,
            ))
            .await
            .expect("classify");
        let mut plan = self.plan(&enterprise.name).await;
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
    registry: RegistryServiceClient<Channel>,
    token: &str,
) -> Vec<pb::Enterprise> {
    every_page(|page_token| {
        let mut registry = registry.clone();
        async move {
            let page = registry
                .list_enterprises(authorized(
                    pb::ListEnterprisesRequest {
                        page_size: 500,
                        page_token,
                        ..Default::default()
                    },
                    token,
                ))
                .await
                .expect("list enterprises")
                .into_inner();
            (page.enterprises, page.next_page_token)
        }
    })
    .await
}

/// Criteria that suggest relocation: the workshop conforms to national policy but not to the
/// local layout, lies outside an industrial park, and its operator is willing to move.
pub fn relocate_criteria() -> pb::Criteria {
    pb::Criteria {
        conforms_local_layout: Some(false),
        in_industrial_park: Some(false),
        willing_to_relocate: Some(true),
        ..finding("", "").criteria.unwrap_or_default()
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
