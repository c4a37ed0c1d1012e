//! Loads the demo through the running registry's gRPC API, as the parties themselves would:
//! townships and bureaus report, the office confirms, classifies, plans and publishes. Every
//! mutation carries a request_id derived from the demo, so a retried call changes nothing.
//!
//! The loader knows nothing of whoever started the services: it gets a channel per service
//! ([`Channels`]) and a way to find a party's token.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use futures::{StreamExt as _, TryStreamExt as _, stream};
use rectify_campaign::ServiceName;
use rectify_kit::auth::set_bearer;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_registry::convert::{category_from_pb, category_to_pb, criteria_to_pb, source_to_pb};
use rectify_registry::domain::{Campaign, Category};
use tonic::transport::Channel;

use super::findings::DemoFinding;
use super::generate::{DemoEnterprise, ENTERPRISE_COUNT, REJECTION_REASON, SEED, generate};

/// Calls in flight at once. SQLite takes one writer at a time, but a waiting writer polls for the
/// lock with growing sleeps, so a deeper queue keeps the lock busy: measured on 2 cores in a debug
/// build, 8 in flight load the demo in about 20 s, 32 in about 9 s, 64 no faster.
const CONCURRENCY: usize = 32;
/// The party that manages the list.
const OFFICE: &str = "office";

/// The services the demo calls, one channel each (lazily connecting is fine).
#[derive(Clone, Debug)]
pub struct Channels {
    /// The registry (台账): reports, confirmation, classification, plans.
    pub registry: Channel,
    /// Utilities (两断三清): cuts, clearings, wells.
    pub utilities: Channel,
    /// Licensing (审批手续): approvals and revocations.
    pub licensing: Channel,
    /// Land (用地与场地): planning findings, plots, demolitions, remediation.
    pub land: Channel,
    /// Safety (安全生产): inspections and hazards.
    pub safety: Channel,
    /// Environment (污染防治与巡查): pollution control, monitoring, outlets, patrols.
    pub environment: Channel,
}

/// The demo's days: the townships report before the survey deadline, the office decides and
/// publishes before the list's, and the demo ends on a day in the middle of rectification.
const REPORTED_ON: &str = "2021-07-08T09:00:00+08:00";
const DECIDED_ON: &str = "2021-07-22T09:00:00+08:00";

fn instant(rfc3339: &str) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    Ok(chrono::DateTime::parse_from_rfc3339(rfc3339)?.with_timezone(&chrono::Utc))
}

/// The measures of a close plan that the demo's office wants done by the plan's own deadline
/// rather than the campaign's end: 两断三清 first, and the revocations.
const EARLY_KINDS: [&str; 7] = [
    "water_cut",
    "power_cut",
    "clear_materials",
    "clear_products",
    "clear_equipment",
    "licence_revocation",
    "water_permit_revocation",
];

/// The deadline the demo's office sets for the first steps of upgrades and relocations: the
/// missing approvals, safety check and pollution control of an upgrade, the plot and interim
/// discharge of a relocation.
const FIRST_STEPS_BY: &str = "2021-10-31";

/// The deadline the demo's office sets for measure `kind` of a `category` plan due by
/// `plan_deadline`; `None` leaves the catalog's (the campaign's end).
fn early_deadline(
    category: Category,
    kind: &str,
    plan_deadline: &'static str,
) -> Option<&'static str> {
    match category {
        Category::Close if EARLY_KINDS.contains(&kind) => Some(plan_deadline),
        Category::Upgrade
            if kind.starts_with("approval.")
                || kind == "safety_check"
                || kind == "pollution_upgrade" =>
        {
            Some(FIRST_STEPS_BY)
        }
        Category::Relocate if kind == "relocation_plot" || kind == "interim_compliance" => {
            Some(FIRST_STEPS_BY)
        }
        _ => None,
    }
}

/// What `--demo` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DemoOutcome {
    /// The registry was empty and the demo was loaded.
    Loaded(Box<DemoSummary>),
    /// The registry already held enterprises (an earlier start): nothing was loaded.
    AlreadyPresent,
}

/// What was loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Enterprises on the registry.
    pub enterprises: usize,
    /// Findings reported.
    pub findings: usize,
    /// Findings that joined an enterprise already reported.
    pub merged: usize,
    /// Classified 升级改造.
    pub upgrade: usize,
    /// Classified 集聚搬迁.
    pub relocate: usize,
    /// Classified 关停取缔.
    pub close: usize,
    /// Rejected as not 散乱污.
    pub rejected: usize,
    /// Classified against the suggestion, with a reason.
    pub overridden: usize,
    /// Plans published.
    pub published: usize,
    /// What the parties did in the bureau services, from publication to the demo's "now".
    pub rectification: crate::Rectification,
    /// How long loading took.
    pub elapsed: Duration,
}

/// What the office did with one enterprise.
enum Decided {
    Rejected,
    Classified {
        category: Category,
        overridden: bool,
        /// The kinds of the published plan's measures; empty when not published.
        published: Option<Vec<String>>,
    },
}

/// Loads the Huachuan demo unless the registry already holds enterprises. `tokens` gives the
/// bearer token of a party by its code (`office`, `yuelai`, `water`, …); every party that reports
/// or decides in the demo needs one. `clock` is the services' clock: the demo moves it through
/// the campaign's days (reports in early July, decisions before the list is published, the
/// bureaus' work from late July on) and leaves it where it found it.
pub async fn load<T>(
    channels: &Channels,
    tokens: &T,
    campaign: &Campaign,
    clock: &rectify_kit::clock::Clock,
) -> anyhow::Result<DemoOutcome>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    let started = Instant::now();
    let loader = Loader {
        client: RegistryServiceClient::new(channels.registry.clone()),
        tokens,
        prefix: format!("demo-{}", campaign.code()),
    };
    if !loader.registry_is_empty().await? {
        tracing::info!("registry already holds enterprises, demo not loaded again");
        return Ok(DemoOutcome::AlreadyPresent);
    }
    let demo = generate(campaign, SEED, ENTERPRISE_COUNT);
    let mut summary = DemoSummary::default();
    let now = clock.now();
    clock.advance(instant(REPORTED_ON)? - clock.now());

    let names: Vec<String> = stream::iter(&demo)
        .map(|e| loader.report(e, 0))
        .buffered(CONCURRENCY)
        .map_ok(|answer| answer.enterprise.map(|e| e.name).unwrap_or_default())
        .try_collect()
        .await?;
    tracing::info!(enterprises = names.len(), "demo: first reports loaded");

    let later = demo
        .iter()
        .flat_map(|e| (1..e.findings.len()).map(move |i| (e, i)));
    let merged: Vec<bool> = stream::iter(later)
        .map(|(e, i)| loader.report(e, i))
        .buffer_unordered(CONCURRENCY)
        .map_ok(|answer| answer.merged)
        .try_collect()
        .await?;
    summary.findings = names.len() + merged.len();
    summary.merged = merged.iter().filter(|m| **m).count();
    tracing::info!(merged = summary.merged, "demo: later reports loaded");

    clock.advance(instant(DECIDED_ON)? - clock.now());
    let decided: Vec<Decided> = stream::iter(demo.iter().zip(&names))
        .map(|(e, name)| loader.decide(e, name))
        .buffer_unordered(CONCURRENCY)
        .try_collect()
        .await?;
    let mut expected: BTreeMap<ServiceName, usize> = BTreeMap::new();
    for decision in decided {
        match decision {
            Decided::Rejected => summary.rejected += 1,
            Decided::Classified {
                category,
                overridden,
                published,
            } => {
                match category {
                    Category::Upgrade => summary.upgrade += 1,
                    Category::Relocate => summary.relocate += 1,
                    _ => summary.close += 1,
                }
                summary.overridden += usize::from(overridden);
                summary.published += usize::from(published.is_some());
                for kind in published.iter().flatten() {
                    if let Some(service) = campaign.service_for_kind(kind) {
                        *expected.entry(service).or_default() += 1;
                    }
                }
            }
        }
    }
    tracing::info!(
        published = summary.published,
        "demo: plans decided and published"
    );
    summary.rectification =
        crate::rectification::run(channels, tokens, clock, &expected, now).await?;
    summary.enterprises = names.len();
    summary.elapsed = started.elapsed();
    tracing::info!(
        enterprises = summary.enterprises,
        published = summary.published,
        elapsed_ms = summary.elapsed.as_millis() as u64,
        "demo loaded"
    );
    Ok(DemoOutcome::Loaded(Box::new(summary)))
}

/// Calls the registry for the demo's parties.
struct Loader<'a, T> {
    client: RegistryServiceClient<Channel>,
    tokens: &'a T,
    prefix: String,
}

impl<T> Loader<'_, T>
where
    T: Fn(&str) -> anyhow::Result<String> + Sync,
{
    /// `message` with the token of `party`.
    fn request<M>(&self, message: M, party: &str) -> anyhow::Result<tonic::Request<M>> {
        let mut request = tonic::Request::new(message);
        let token = (self.tokens)(party)?;
        set_bearer(request.metadata_mut(), &token).with_context(|| format!("token of {party}"))?;
        Ok(request)
    }

    fn request_id(&self, e: &DemoEnterprise, step: &str) -> String {
        format!("{}-e{:03}-{step}", self.prefix, e.index)
    }

    async fn registry_is_empty(&self) -> anyhow::Result<bool> {
        let request = pb::ListEnterprisesRequest {
            page_size: 1,
            ..Default::default()
        };
        let page = self
            .client
            .clone()
            .list_enterprises(self.request(request, OFFICE)?)
            .await
            .context("cannot list enterprises")?;
        Ok(page.get_ref().enterprises.is_empty())
    }

    /// Sends the `i`-th report of `e` as its reporter.
    async fn report(
        &self,
        e: &DemoEnterprise,
        i: usize,
    ) -> anyhow::Result<pb::ReportFindingResponse> {
        let f = &e.findings[i];
        let request_id = self.request_id(e, &format!("finding-{i}"));
        let request = pb::ReportFindingRequest {
            request_id: request_id.clone(),
            finding: Some(finding(f)),
        };
        let answer = self
            .client
            .clone()
            .report_finding(self.request(request, &f.reporter)?)
            .await
            .with_context(|| format!("ReportFinding {request_id} as {}", f.reporter))?;
        Ok(answer.into_inner())
    }

    /// The office finds it is not 散乱污 after all.
    async fn reject(&self, e: &DemoEnterprise, name: &str) -> anyhow::Result<Decided> {
        let request = pb::RejectEnterpriseRequest {
            request_id: self.request_id(e, "reject"),
            name: name.to_owned(),
            etag: String::new(),
            reason: REJECTION_REASON.to_owned(),
        };
        self.client
            .clone()
            .reject_enterprise(self.request(request, OFFICE)?)
            .await
            .with_context(|| format!("RejectEnterprise {name}"))?;
        Ok(Decided::Rejected)
    }

    /// The office's work on one enterprise: reject, or confirm, classify, plan and maybe publish.
    async fn decide(&self, e: &DemoEnterprise, name: &str) -> anyhow::Result<Decided> {
        let mut client = self.client.clone();
        let step = |what: &str| self.request_id(e, what);
        if e.category() == Category::NotTarget {
            return self.reject(e, name).await;
        }
        let confirm = pb::ConfirmEnterpriseRequest {
            request_id: step("confirm"),
            name: name.to_owned(),
            etag: String::new(),
        };
        let confirmed = client
            .confirm_enterprise(self.request(confirm, OFFICE)?)
            .await
            .with_context(|| format!("ConfirmEnterprise {name}"))?
            .into_inner();
        let ask = pb::SuggestClassificationRequest {
            name: name.to_owned(),
        };
        let suggestion = client
            .suggest_classification(self.request(ask, OFFICE)?)
            .await
            .with_context(|| format!("SuggestClassification {name}"))?
            .into_inner();
        let suggested = category_from_pb(suggestion.category()).unwrap_or(Category::NotTarget);
        if suggested != e.suggested {
            tracing::warn!(name, ?suggested, expected = ?e.suggested, "demo: unexpected suggestion");
        }
        let category = e.decision.as_ref().map_or(suggested, |d| d.category);
        if category == Category::NotTarget {
            return self.reject(e, name).await;
        }
        let overridden = category != suggested;
        let classify = pb::ClassifyEnterpriseRequest {
            request_id: step("classify"),
            name: name.to_owned(),
            etag: confirmed.etag,
            category: category_to_pb(category) as i32,
            reason: e
                .decision
                .as_ref()
                .filter(|_| overridden)
                .map(|d| d.reason.to_owned())
                .unwrap_or_default(),
        };
        client
            .classify_enterprise(self.request(classify, OFFICE)?)
            .await
            .with_context(|| format!("ClassifyEnterprise {name}"))?;
        let mut paths = vec!["responsible_person", "responsible_phone", "deadline"];
        let mut measures = Vec::new();
        // Only a published plan's measures become work items: only those get earlier deadlines.
        if e.plan.publish {
            let plan = pb::GetPlanRequest {
                name: format!("{name}/plan"),
            };
            measures = client
                .get_plan(self.request(plan, OFFICE)?)
                .await
                .with_context(|| format!("GetPlan {name}"))?
                .into_inner()
                .measures;
            for m in &mut measures {
                if let Some(deadline) = early_deadline(category, &m.kind, e.plan.deadline) {
                    m.deadline = deadline.to_owned();
                }
            }
            paths.push("measures");
        }
        let edit = pb::UpdatePlanRequest {
            request_id: step("plan"),
            plan: Some(pb::Plan {
                name: format!("{name}/plan"),
                responsible_person: e.plan.responsible_person.clone(),
                responsible_phone: e.plan.responsible_phone.clone(),
                deadline: e.plan.deadline.to_owned(),
                measures,
                ..Default::default()
            }),
            update_mask: Some(prost_types::FieldMask {
                paths: paths.into_iter().map(String::from).collect(),
            }),
        };
        let plan = client
            .update_plan(self.request(edit, OFFICE)?)
            .await
            .with_context(|| format!("UpdatePlan {name}"))?
            .into_inner();
        let mut published = None;
        if e.plan.publish {
            let publish = pb::PublishPlanRequest {
                request_id: step("publish"),
                name: plan.name,
                etag: plan.etag,
            };
            let plan = client
                .publish_plan(self.request(publish, OFFICE)?)
                .await
                .with_context(|| format!("PublishPlan {name}"))?
                .into_inner();
            published = Some(plan.measures.into_iter().map(|m| m.kind).collect());
        }
        Ok(Decided::Classified {
            category,
            overridden,
            published,
        })
    }
}

/// A demo report as the wire message.
fn finding(f: &DemoFinding) -> pb::Finding {
    pb::Finding {
        source: source_to_pb(f.source) as i32,
        enterprise_name: f.enterprise_name.clone(),
        credit_code: f.credit_code.clone().unwrap_or_default(),
        operator: Some(pb::Operator {
            name: f.operator.name.clone(),
            phone: f.operator.phone.clone(),
            id_number: f.operator.id_number.clone(),
        }),
        address: f.address.clone(),
        jurisdiction: f.jurisdiction.clone(),
        location: f.location.map(|(latitude, longitude)| GeoPoint {
            latitude,
            longitude,
        }),
        industry: f.industry.clone(),
        criteria: Some(criteria_to_pb(&f.criteria)),
        note: f.note.clone(),
        ..Default::default()
    }
}
