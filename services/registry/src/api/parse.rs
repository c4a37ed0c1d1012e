//! Requests into domain values, once, at the edge. Every problem of a request
//! is reported together, each as a field violation; nothing is stored.

use chrono::NaiveDate;
use rectify_kit::known::{self, KnownParty};
use rectify_kit::parse::{MAX_REASON, Violations, resource_id};
use rectify_kit::{Error, Result};
use rectify_proto::registry::v1 as pb;

use crate::convert::{criteria_from_pb, source_from_pb};
use crate::domain::{
    Address, Campaign, Category, CreditCode, EnterpriseName, GeoPoint, MeasureDraft, NewFinding,
    Operator,
};
use crate::store::commands::{EnterpriseFilter, PlanEdit};

const MAX_SHORT_TEXT: usize = 50;

/// A phone number: digits, `+`, `-` and spaces, at most 20 characters.
fn phone(v: &mut Violations, field: &str, value: &str) -> String {
    let value = value.trim();
    let ok = value.len() <= 20
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || "+- ".contains(c));
    if !ok {
        v.add(
            field,
            "电话号码格式不正确 (phone number must be at most 20 digits, + or -)",
        );
    }
    value.to_owned()
}

/// A reported finding, checked against the campaign.
pub fn finding(input: pb::Finding, campaign: &Campaign) -> Result<NewFinding> {
    let mut v = Violations::default();
    let source = v
        .required_enum(
            "finding.source",
            input.source,
            pb::FindingSource::as_str_name,
        )
        .and_then(source_from_pb);
    let name = v.check(
        "finding.enterprise_name",
        EnterpriseName::parse(&input.enterprise_name),
    );
    let credit_code = match input.credit_code.trim() {
        "" => Some(None),
        code => v
            .check("finding.credit_code", CreditCode::parse(code))
            .map(Some),
    };
    let address = v.check("finding.address", Address::parse(&input.address));
    let jurisdiction = v
        .known(known::party_code(
            "finding.jurisdiction",
            &input.jurisdiction,
            JURISDICTION,
            &jurisdictions(campaign),
        ))
        .unwrap_or_default();
    let location = match input.location {
        None => Some(None),
        Some(point) => match GeoPoint::new(point.latitude, point.longitude) {
            Err(e) => {
                v.add(format!("finding.location.{}", e.field()), e.to_string());
                None
            }
            Ok(p) if !campaign.bounds().contains(&p) => {
                v.add(
                    "finding.location",
                    "坐标不在本县范围内 (location is outside the county)",
                );
                None
            }
            Ok(p) => Some(Some(p)),
        },
    };
    let op = input.operator.unwrap_or_default();
    let operator = Operator {
        name: v.text("finding.operator.name", &op.name, MAX_SHORT_TEXT),
        phone: phone(&mut v, "finding.operator.phone", &op.phone),
        id_number: v.text("finding.operator.id_number", &op.id_number, 18),
    };
    let industry = v.text("finding.industry", &input.industry, MAX_SHORT_TEXT);
    let note = v.text("finding.note", &input.note, MAX_REASON);
    let criteria = input
        .criteria
        .as_ref()
        .map(criteria_from_pb)
        .unwrap_or_default();
    v.finish(|| {
        Some(NewFinding {
            source: source?,
            enterprise_name: name?,
            credit_code: credit_code?,
            operator,
            address: address?,
            jurisdiction,
            location: location?,
            industry,
            criteria,
            note,
        })
    })
}

/// How a jurisdiction is called in messages.
pub const JURISDICTION: known::Noun = ("属地", "jurisdiction");

/// The campaign's jurisdictions, code and name.
pub fn jurisdictions(campaign: &Campaign) -> Vec<KnownParty<'_>> {
    campaign
        .jurisdictions()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect()
}

/// Every party of the campaign, code and name.
pub fn parties(campaign: &Campaign) -> Vec<KnownParty<'_>> {
    campaign
        .parties()
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect()
}

/// A category filter: empty for none, else the code of a category the server knows.
fn category_filter(v: &mut Violations, field: &str, raw: i32) -> Option<String> {
    let category = v.known_enum(field, raw, pb::Category::as_str_name)?;
    Some(
        crate::convert::category_from_pb(category)
            .map(|c| c.code().to_owned())
            .unwrap_or_default(),
    )
}

/// The filters of a ListEnterprises, before the caller's scope is applied:
/// an unknown jurisdiction, party, category or state is refused, not matched
/// against nothing.
pub fn enterprise_filter(
    r: &pb::ListEnterprisesRequest,
    campaign: &Campaign,
) -> Result<EnterpriseFilter> {
    let mut v = Violations::default();
    let jurisdiction = v.known(known::party_filter(
        "jurisdiction",
        &r.jurisdiction,
        JURISDICTION,
        &jurisdictions(campaign),
    ));
    let category = category_filter(&mut v, "category", r.category);
    let state = v
        .known_enum("state", r.state, pb::LifecycleState::as_str_name)
        .map(|s| {
            crate::convert::state_from_pb(s)
                .map(|s| s.code().to_owned())
                .unwrap_or_default()
        });
    let query = v.text("query", &r.query, MAX_REASON);
    let reported_by = v.known(known::party_filter(
        "reported_by",
        &r.reported_by,
        ("单位", "party"),
        &parties(campaign),
    ));
    v.finish(|| {
        Some(EnterpriseFilter {
            jurisdiction: jurisdiction?,
            category: category?,
            state: state?,
            query,
            reported_by: reported_by?,
        })
    })
}

/// The jurisdiction and category codes a ListPublicPlans filters on (empty
/// for none).
pub fn public_plan_filter(
    r: &pb::ListPublicPlansRequest,
    campaign: &Campaign,
) -> Result<(String, String)> {
    let mut v = Violations::default();
    let jurisdiction = v.known(known::party_filter(
        "jurisdiction",
        &r.jurisdiction,
        JURISDICTION,
        &jurisdictions(campaign),
    ));
    let category = category_filter(&mut v, "category", r.category);
    v.finish(|| Some((jurisdiction?, category?)))
}

/// `enterprises/{id}` → id.
pub fn enterprise_id(name: &str, field: &str) -> Result<String> {
    resource_id(name, "enterprises", "", field)
}

/// `enterprises/{id}/plan` → id.
pub fn plan_enterprise_id(name: &str, field: &str) -> Result<String> {
    resource_id(name, "enterprises", "/plan", field)
}

pub use rectify_kit::parse::{optional_text, required_reason, sent_etag as etag};

fn date(v: &mut Violations, field: &str, value: &str, campaign: &Campaign) -> Option<NaiveDate> {
    let end = campaign.milestones().complete_by;
    match NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
        Err(_) => {
            v.add(field, "日期格式应为 YYYY-MM-DD (date must be YYYY-MM-DD)");
            None
        }
        Ok(d) if d > end => {
            v.add(
                field,
                format!("期限不能晚于专项行动结束日期 {end} (deadline is after the campaign's end, {end})"),
            );
            None
        }
        Ok(d) => Some(d),
    }
}

fn party(v: &mut Violations, field: &str, code: &str, campaign: &Campaign) {
    if campaign.party(code).is_none() {
        v.add(field, format!("未知单位“{code}” (unknown party {code:?})"));
    }
}

fn measure(
    v: &mut Violations,
    i: usize,
    m: &pb::Measure,
    campaign: &Campaign,
) -> Option<MeasureDraft> {
    let at = |f: &str| format!("plan.measures[{i}].{f}");
    if m.id.trim().is_empty() {
        v.add(at("id"), "措施须有编号 (measure id is required)");
    }
    if m.title.trim().is_empty() {
        v.add(at("title"), "措施须有名称 (measure title is required)");
    }
    let title = v.text(&at("title"), &m.title, 100);
    party(v, &at("owner"), &m.owner, campaign);
    for (j, c) in m.cooperating.iter().enumerate() {
        party(
            v,
            &format!("plan.measures[{i}].cooperating[{j}]"),
            c,
            campaign,
        );
    }
    let verifier = Some(m.verifier.trim().to_owned()).filter(|s| !s.is_empty());
    if let Some(verifier) = &verifier {
        party(v, &at("verifier"), verifier, campaign);
    } else if m.needs_verification {
        v.add(
            at("verifier"),
            "需要核验的措施须指定核验单位 (a verified measure needs a verifier)",
        );
    }
    let deadline = date(v, &at("deadline"), &m.deadline, campaign)?;
    Some(MeasureDraft {
        id: m.id.trim().to_owned(),
        kind: m.kind.trim().to_owned(),
        title,
        owner: m.owner.clone(),
        cooperating: m.cooperating.clone(),
        deadline,
        needs_verification: m.needs_verification,
        verifier,
    })
}

/// A category the office may classify into: not 散乱污 is a rejection instead.
pub fn target_category(raw: i32) -> Result<Category> {
    let category = known::known_enum("category", raw, pb::Category::as_str_name)?;
    match crate::convert::category_from_pb(category) {
        Some(c @ (Category::Upgrade | Category::Relocate | Category::Close)) => Ok(c),
        _ => Err(Error::invalid(
            "category",
            "分类须为升级改造、集聚搬迁或关停取缔；不属于散乱污的请用退回 (category must be CATEGORY_UPGRADE, CATEGORY_RELOCATE or CATEGORY_CLOSE; for an enterprise that is not a scattered, disorderly, polluting one use RejectEnterprise)",
        )),
    }
}

/// The fields an UpdatePlan may change.
pub const PLAN_FIELDS: [&str; 5] = [
    "measures",
    "responsible_unit",
    "responsible_person",
    "responsible_phone",
    "deadline",
];

/// The edit an UpdatePlan asks for, limited to `update_mask` (all fields when empty).
pub fn plan_edit(plan: &pb::Plan, mask: &[String], campaign: &Campaign) -> Result<PlanEdit> {
    let mut v = Violations::default();
    for path in mask {
        if !PLAN_FIELDS.contains(&path.as_str()) {
            v.add(
                "update_mask",
                format!("不能修改字段 {path} (field {path} cannot be updated)"),
            );
        }
    }
    let wants = |f: &str| mask.is_empty() || mask.iter().any(|p| p == f);
    let mut edit = PlanEdit::default();
    if wants("measures") {
        let mut ids = std::collections::HashSet::new();
        let mut measures = Vec::new();
        for (i, m) in plan.measures.iter().enumerate() {
            if !ids.insert(m.id.trim()) {
                v.add(
                    format!("plan.measures[{i}].id"),
                    "措施编号重复 (measure id repeated)",
                );
            }
            measures.extend(measure(&mut v, i, m, campaign));
        }
        edit.measures = Some(measures);
    }
    if wants("responsible_unit") {
        edit.responsible_unit = Some(v.text(
            "plan.responsible_unit",
            &plan.responsible_unit,
            MAX_SHORT_TEXT,
        ));
    }
    if wants("responsible_person") {
        edit.responsible_person = Some(v.text(
            "plan.responsible_person",
            &plan.responsible_person,
            MAX_SHORT_TEXT,
        ));
    }
    if wants("responsible_phone") {
        edit.responsible_phone = Some(phone(
            &mut v,
            "plan.responsible_phone",
            &plan.responsible_phone,
        ));
    }
    if wants("deadline") {
        edit.deadline = date(&mut v, "plan.deadline", &plan.deadline, campaign);
    }
    v.finish(|| Some(edit))
}
