//! The ledger's rows: every enterprise on the list (rejected reports are not 散乱污 and are
//! left out), its plan, and its completion, read page by page under the office token. 存在问题
//! comes from the criteria its findings assessed, or, where none shows a problem, from what
//! the township's survey sheet said (kept in the imported findings' notes).

use std::collections::HashMap;

use futures::{StreamExt as _, TryStreamExt as _};
use rectify_campaign::Campaign;
use rectify_proto::coordinator::v1 as coord;
use rectify_proto::registry::v1 as pb;

use super::completion::completion;
use super::problems::problems;
use super::registry::OfficeRegistry;
use crate::coordinator::CoordinatorClient;
use crate::import::findings::problems_in_note;
use crate::views::public::{category_names, party_name};

/// Enterprises and progress rows asked for per page (the services' largest page).
const PAGE_SIZE: i32 = 500;
/// Enterprises whose details are read at once.
const DETAIL_READS_IN_FLIGHT: usize = 8;
/// Findings whose notes are read for an enterprise's 存在问题.
const NOTED_FINDINGS: i32 = 50;

/// Which enterprises the ledger holds: the same filters as the enterprise list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LedgerFilter {
    /// A jurisdiction's party code; empty for all.
    pub jurisdiction: String,
    pub category: pb::Category,
}

/// One row of the ledger, each field as its column shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LedgerRow {
    /// 序号, from 1.
    pub number: usize,
    pub name: String,
    pub credit_code: String,
    pub jurisdiction: String,
    pub problems: String,
    pub category: String,
    pub measures: String,
    pub responsible_unit: String,
    pub responsible_person: String,
    pub deadline: String,
    pub completion: String,
}

impl LedgerRow {
    /// The row's cells in [`super::HEADERS`] order.
    pub fn cells(&self) -> [String; 11] {
        [
            self.number.to_string(),
            self.name.clone(),
            self.credit_code.clone(),
            self.jurisdiction.clone(),
            self.problems.clone(),
            self.category.clone(),
            self.measures.clone(),
            self.responsible_unit.clone(),
            self.responsible_person.clone(),
            self.deadline.clone(),
            self.completion.clone(),
        ]
    }
}

/// Every enterprise `filter` selects, oldest first (the registry's order).
async fn enterprises(
    registry: &OfficeRegistry,
    filter: &LedgerFilter,
) -> Result<Vec<pb::Enterprise>, tonic::Status> {
    let mut out = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = registry
            .client()
            .list_enterprises(pb::ListEnterprisesRequest {
                page_size: PAGE_SIZE,
                page_token: page_token.clone(),
                jurisdiction: filter.jurisdiction.clone(),
                category: filter.category as i32,
                ..Default::default()
            })
            .await?
            .into_inner();
        out.extend(
            page.enterprises
                .into_iter()
                .filter(|e| e.state() != pb::LifecycleState::Rejected),
        );
        if page.next_page_token.is_empty() {
            return Ok(out);
        }
        page_token = page.next_page_token;
    }
}

/// What the ledger reads of one enterprise beyond the list: its plan (classified or later) and,
/// when its criteria name no problem, the 存在问题 its imported findings carry.
#[derive(Debug, Default)]
struct Details {
    plan: Option<pb::Plan>,
    noted_problems: Vec<String>,
}

/// The [`Details`] of the enterprise `name` in `state`.
async fn details(
    registry: OfficeRegistry,
    name: String,
    state: pb::LifecycleState,
    read_notes: bool,
) -> Result<Details, tonic::Status> {
    use pb::LifecycleState as S;
    let mut details = Details::default();
    if read_notes {
        let findings = registry
            .client()
            .list_findings(pb::ListFindingsRequest {
                parent: name.clone(),
                page_size: NOTED_FINDINGS,
                page_token: String::new(),
            })
            .await?
            .into_inner()
            .findings;
        for f in &findings {
            if let Some(p) = problems_in_note(&f.note).map(str::to_owned)
                && !details.noted_problems.contains(&p)
            {
                details.noted_problems.push(p);
            }
        }
    }
    if matches!(
        state,
        S::Reported | S::Confirmed | S::Rejected | S::Unspecified
    ) {
        return Ok(details);
    }
    match registry
        .client()
        .get_plan(pb::GetPlanRequest {
            name: format!("{name}/plan"),
        })
        .await
    {
        Ok(plan) => details.plan = Some(plan.into_inner()),
        Err(status) if status.code() == tonic::Code::NotFound => {}
        Err(status) => return Err(status),
    }
    Ok(details)
}

/// The coordinator's progress of every enterprise `filter` selects, by enterprise name; empty
/// when no coordinator is configured.
async fn progress(
    coordinator: Option<&CoordinatorClient>,
    filter: &LedgerFilter,
) -> Result<HashMap<String, coord::EnterpriseProgress>, tonic::Status> {
    let mut out = HashMap::new();
    let Some(coordinator) = coordinator else {
        return Ok(out);
    };
    let mut page_token = String::new();
    loop {
        let page = coordinator
            .enterprises(coord::ListEnterpriseProgressRequest {
                page_size: PAGE_SIZE,
                page_token: page_token.clone(),
                jurisdiction: filter.jurisdiction.clone(),
                category: filter.category as i32,
                ..Default::default()
            })
            .await?;
        out.extend(page.enterprises.into_iter().map(|p| (p.name.clone(), p)));
        if page.next_page_token.is_empty() {
            return Ok(out);
        }
        page_token = page.next_page_token;
    }
}

/// The ledger's rows for `filter`.
pub async fn ledger(
    registry: &OfficeRegistry,
    coordinator: Option<&CoordinatorClient>,
    campaign: &Campaign,
    filter: &LedgerFilter,
) -> Result<Vec<LedgerRow>, tonic::Status> {
    let (enterprises, progress) =
        tokio::try_join!(enterprises(registry, filter), progress(coordinator, filter))?;
    let details: Vec<Details> = futures::stream::iter(
        enterprises
            .iter()
            .map(|e| {
                let read_notes = criteria_problems(e).is_empty();
                details(registry.clone(), e.name.clone(), e.state(), read_notes)
            })
            .collect::<Vec<_>>(),
    )
    .buffered(DETAIL_READS_IN_FLIGHT)
    .try_collect()
    .await?;
    Ok(enterprises
        .iter()
        .zip(details)
        .enumerate()
        .map(|(i, (e, d))| row(i + 1, e, &d, progress.get(&e.name), campaign))
        .collect())
}

/// The problems the enterprise's merged criteria show.
fn criteria_problems(e: &pb::Enterprise) -> Vec<&'static str> {
    problems(&e.criteria.unwrap_or_default())
}

/// One enterprise's row.
fn row(
    number: usize,
    e: &pb::Enterprise,
    details: &Details,
    progress: Option<&coord::EnterpriseProgress>,
    campaign: &Campaign,
) -> LedgerRow {
    let plan = details.plan.as_ref();
    let category = plan.map(|p| p.category()).unwrap_or(e.category());
    let mut problems: Vec<String> = criteria_problems(e)
        .iter()
        .map(|p| (*p).to_owned())
        .collect();
    problems.extend(details.noted_problems.iter().cloned());
    LedgerRow {
        number,
        name: e.display_name.clone(),
        credit_code: e.credit_code.clone(),
        jurisdiction: party_name(campaign, &e.jurisdiction),
        problems: problems.join("；"),
        category: match category {
            pb::Category::Unspecified => String::new(),
            c => category_names(c).0.to_owned(),
        },
        measures: plan
            .map(|p| {
                p.measures
                    .iter()
                    .map(|m| m.title.as_str())
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .unwrap_or_default(),
        responsible_unit: plan
            .filter(|p| !p.responsible_unit.is_empty())
            .map(|p| party_name(campaign, &p.responsible_unit))
            .unwrap_or_default(),
        responsible_person: plan
            .map(|p| p.responsible_person.clone())
            .unwrap_or_default(),
        deadline: plan.map(|p| p.deadline.clone()).unwrap_or_default(),
        completion: completion(e.state(), progress),
    }
}
