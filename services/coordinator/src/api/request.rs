//! Requests into what the reads need, at the edge: every bad field is reported at once as an
//! INVALID_ARGUMENT field violation (`rectify_kit::parse::Violations`), never an empty answer.

use chrono::NaiveDate;
use rectify_campaign::{Campaign, Party, ServiceName};
use rectify_kit::known::{self, KnownParty, Noun};
use rectify_kit::page::Page;
use rectify_kit::parse::{MAX_REASON, Violations, resource_id};
use rectify_kit::{Result, text};
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::registry::v1 as reg;

use crate::follow::SOURCES;
use crate::store::{EnterpriseFilter, ItemFilter};

/// Longest name fragment searched for.
pub const MAX_QUERY: usize = 100;

const JURISDICTION: Noun = ("属地", "jurisdiction");
const PARTY: Noun = ("单位", "party");

fn known<'a>(parties: impl Iterator<Item = &'a Party>) -> Vec<KnownParty<'a>> {
    parties
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect()
}

fn jurisdiction(v: &mut Violations, campaign: &Campaign, value: &str) -> String {
    let known = known(campaign.jurisdictions());
    v.known(known::party_filter(
        "jurisdiction",
        value,
        JURISDICTION,
        &known,
    ))
    .unwrap_or_default()
}

/// The id of the enterprise `name` (`enterprises/{id}`).
pub fn enterprise(name: &str) -> Result<String> {
    resource_id(name.trim(), "enterprises", "", "name")
}

/// `ListSummaries.dimension`.
pub fn dimension(raw: i32) -> Result<pb::Dimension> {
    let mut v = Violations::new();
    let d = v.required_enum("dimension", raw, pb::Dimension::as_str_name);
    v.finish(|| d)
}

/// `ListEnterpriseProgress`: its filters (before the caller's territory applies) and page.
pub fn enterprise_list(
    r: &pb::ListEnterpriseProgressRequest,
    campaign: &Campaign,
    today: NaiveDate,
) -> Result<EnterpriseFilter> {
    let mut v = Violations::new();
    let jurisdiction = jurisdiction(&mut v, campaign, &r.jurisdiction);
    let category = v.known_enum("category", r.category, reg::Category::as_str_name);
    let state = v.known_enum("state", r.state, reg::LifecycleState::as_str_name);
    let completion = v.known_enum("completion", r.completion, pb::Completion::as_str_name);
    let flag = v.known_enum("flag", r.flag, pb::Flag::as_str_name);
    let query = v.text("query", &r.query, MAX_QUERY);
    v.finish(|| {
        Some(EnterpriseFilter {
            jurisdiction,
            category: category
                .filter(|c| *c != reg::Category::Unspecified)
                .map(|c| c as i32),
            state: state
                .filter(|s| *s != reg::LifecycleState::Unspecified)
                .map(|s| s as i32),
            completion: completion?,
            flag: flag?,
            rebound_any: false,
            query,
            today,
        })
    })
}

/// `ListRebounds`: only the rebound flags, or none for any of them.
pub fn rebound_list(
    r: &pb::ListReboundsRequest,
    campaign: &Campaign,
    today: NaiveDate,
) -> Result<EnterpriseFilter> {
    let mut v = Violations::new();
    let jurisdiction = jurisdiction(&mut v, campaign, &r.jurisdiction);
    let flag = v.known_enum("flag", r.flag, pb::Flag::as_str_name);
    if matches!(flag, Some(pb::Flag::ReportedLate | pb::Flag::Discrepancy)) {
        v.add(
            "flag",
            text!(
                "只能按 FLAG_PATROL_DUE、FLAG_REBOUND_SUSPECTED 或 FLAG_REOPENED 筛选",
                "must be FLAG_PATROL_DUE, FLAG_REBOUND_SUSPECTED or FLAG_REOPENED"
            ),
        );
    }
    v.finish(|| {
        let flag = flag?;
        Some(EnterpriseFilter {
            jurisdiction,
            category: None,
            state: None,
            completion: pb::Completion::Unspecified,
            flag,
            rebound_any: flag == pb::Flag::Unspecified,
            query: String::new(),
            today,
        })
    })
}

/// `ListOverdueItems`: its filters (before the caller's scope applies).
pub fn overdue_list(
    r: &pb::ListOverdueItemsRequest,
    campaign: &Campaign,
    today: NaiveDate,
) -> Result<ItemFilter> {
    let mut v = Violations::new();
    let parties = known(campaign.parties().iter());
    let executor = v
        .known(known::party_filter(
            "executor",
            &r.executor,
            PARTY,
            &parties,
        ))
        .unwrap_or_default();
    let jurisdiction = jurisdiction(&mut v, campaign, &r.jurisdiction);
    v.finish(|| {
        Some(ItemFilter {
            executor,
            jurisdiction,
            today,
        })
    })
}

/// The page of a list, its filters described by `fingerprint`.
pub fn page(page_size: i32, page_token: &str, fingerprint: &str) -> Result<Page> {
    Page::parse(page_size, page_token, fingerprint)
}

/// `SignOffEnterprise`: the enterprise's id and the note.
pub fn sign_off(r: &pb::SignOffEnterpriseRequest) -> Result<(String, String)> {
    let mut v = Violations::new();
    let id = v.check("name", enterprise(&r.name).map_err(|e| first_violation(&e)));
    let note = v.text("note", &r.note, MAX_REASON);
    v.finish(|| Some((id?, note)))
}

/// `GetAuditAnchors.service`: a followed service, or empty for all.
pub fn anchor_source(service: &str) -> Result<Option<ServiceName>> {
    let service = service.trim();
    if service.is_empty() {
        return Ok(None);
    }
    let mut v = Violations::new();
    let found = ServiceName::parse(service).filter(|s| SOURCES.contains(s));
    if found.is_none() {
        let names = SOURCES.map(ServiceName::as_str).join(", ");
        v.add(
            "service",
            text!(
                "协调服务不跟踪“{service}”，可选：{names}",
                "the coordinator does not follow {service:?}; one of: {names}"
            ),
        );
    }
    v.finish(|| Some(found))
}

/// The description of the first field violation of `error`, for a nested check.
fn first_violation(error: &rectify_kit::Error) -> String {
    match error {
        rectify_kit::Error::InvalidArgument(v) => v
            .first()
            .map(|v| format!("{} ({})", v.description.zh, v.description.en))
            .unwrap_or_default(),
        other => other.to_string(),
    }
}
