//! `RecordInspection` and `RecordHazardFix` parsed: every bad field reported at once. The dates
//! that depend on what is stored (the plan's publication, the hazard's inspection) are checked
//! by [`check_inspected_after_plan`] and [`check_fixed_after`] once the store has read them.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_kit::clock::date_cst;
use rectify_kit::{Error, FieldViolation, Result, text};
use rectify_proto::safety::v1 as pb;
use rectify_workitems::domain::moment::parse_past;
use rectify_workitems::domain::{Evidence, EvidenceRules, Note, Violations, WorkItemName};

use super::hazard::{HazardDraft, parse_hazards};
use super::names::HazardName;

/// Most inspectors one inspection names.
pub const MAX_INSPECTORS: usize = 10;
/// Longest inspector's name, in characters.
pub const MAX_INSPECTOR_CHARS: usize = 50;

/// What a request is parsed against: the clock's instant and the campaign's county, as the
/// work items' evidence is.
pub type ParseContext<'a> = EvidenceRules<'a>;

/// An inspection as the safety bureau records it.
#[derive(Clone, Debug, PartialEq)]
pub struct InspectionRecord {
    /// The `safety_check` item.
    pub work_item: WorkItemName,
    /// The item's etag as the caller read it; empty for the current version.
    pub etag: String,
    pub inspected_at: DateTime<Utc>,
    /// 1 to [`MAX_INSPECTORS`] names, trimmed.
    pub inspectors: Vec<String>,
    pub evidence: Evidence,
    /// What it found, in the order given; none when the site passed.
    pub hazards: Vec<HazardDraft>,
}

impl InspectionRecord {
    /// Parses a `RecordInspection` request.
    pub fn parse(
        request: &pb::RecordInspectionRequest,
        context: ParseContext<'_>,
    ) -> Result<InspectionRecord, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = v.check("work_item", WorkItemName::parse(&request.work_item));
        let inspected_at = v.check(
            "inspected_at",
            parse_past(request.inspected_at.as_ref(), context.now),
        );
        let inspectors = parse_inspectors(&mut v, &request.inspectors);
        let evidence = v.nested(Evidence::parse_required(
            request.evidence.as_ref(),
            "evidence",
            context,
        ));
        let hazards = v.nested(parse_hazards(
            &request.hazards,
            inspected_at.map(date_cst),
            "hazards",
        ));
        let parsed = (|| {
            Some(InspectionRecord {
                work_item: work_item?,
                etag: request.etag.trim().to_owned(),
                inspected_at: inspected_at?,
                inspectors: inspectors?,
                evidence: evidence?,
                hazards: hazards?,
            })
        })();
        v.collect(parsed)
    }
}

fn parse_inspectors(v: &mut Violations, names: &[String]) -> Option<Vec<String>> {
    if names.is_empty() || names.len() > MAX_INSPECTORS {
        v.add(
            "inspectors",
            text!(
                "须填写1至{MAX_INSPECTORS}名检查人员",
                "name 1 to {MAX_INSPECTORS} inspectors"
            ),
        );
        return None;
    }
    let mut good = true;
    let names = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = name.trim();
            if name.is_empty() || name.chars().count() > MAX_INSPECTOR_CHARS {
                good = false;
                v.add(
                    format!("inspectors[{i}]"),
                    text!(
                        "检查人员姓名不能为空，且不超过{MAX_INSPECTOR_CHARS}个字",
                        "an inspector's name is required, at most {MAX_INSPECTOR_CHARS} characters"
                    ),
                );
            }
            name.to_owned()
        })
        .collect();
    good.then_some(names)
}

/// A hazard fix as the safety bureau confirms it.
#[derive(Clone, Debug, PartialEq)]
pub struct HazardFix {
    pub hazard: HazardName,
    pub fixed_at: DateTime<Utc>,
    pub evidence: Evidence,
    pub note: Note,
}

impl HazardFix {
    /// Parses a `RecordHazardFix` request.
    pub fn parse(
        request: &pb::RecordHazardFixRequest,
        context: ParseContext<'_>,
    ) -> Result<HazardFix, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let hazard = match HazardName::parse(&request.hazard, "hazard") {
            Ok(name) => Some(name),
            Err(Error::InvalidArgument(violations)) => {
                v.extend(violations);
                None
            }
            Err(_) => None,
        };
        let fixed_at = v.check(
            "fixed_at",
            parse_past(request.fixed_at.as_ref(), context.now),
        );
        let evidence = v.nested(Evidence::parse_required(
            request.evidence.as_ref(),
            "evidence",
            context,
        ));
        let note = v.check("note", Note::parse(&request.note));
        let parsed = (|| {
            Some(HazardFix {
                hazard: hazard?,
                fixed_at: fixed_at?,
                evidence: evidence?,
                note: note?,
            })
        })();
        v.collect(parsed)
    }
}

/// Refuses an inspection dated (CST) before `plan_published`, the day the item was ordered.
pub fn check_inspected_after_plan(
    inspected_at: DateTime<Utc>,
    plan_published: NaiveDate,
) -> Result<()> {
    let date = date_cst(inspected_at);
    if date < plan_published {
        return Err(Error::invalid(
            "inspected_at",
            text!(
                "检查日期{date}早于整治方案发布日期{plan_published}",
                "inspected on {date}, before the plan was published on {plan_published}"
            ),
        ));
    }
    Ok(())
}

/// Refuses a fix dated before the inspection that found the hazard.
pub fn check_fixed_after(fixed_at: DateTime<Utc>, inspected_at: DateTime<Utc>) -> Result<()> {
    if fixed_at < inspected_at {
        let (fixed, inspected) = (fixed_at.to_rfc3339(), inspected_at.to_rfc3339());
        return Err(Error::invalid(
            "fixed_at",
            text!(
                "整改时间{fixed}早于发现该隐患的检查时间{inspected}",
                "fixed at {fixed}, before the inspection that found the hazard at {inspected}"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "inspection_tests.rs"]
mod tests;
