//! A hazard (隐患) an inspection found: its level, what is wrong, and the day it must be fixed by,
//! which is not before the inspection.

use chrono::NaiveDate;
use rectify_kit::FieldViolation;
use rectify_kit::parse::path;
use rectify_proto::safety::v1 as pb;
use rectify_workitems::domain::{Reason, Violations};
use thiserror::Error;

/// Longest description accepted, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 500;

/// Most hazards one inspection may record.
pub const MAX_HAZARDS: usize = 100;

/// How serious a hazard is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HazardLevel {
    /// 一般隐患
    General,
    /// 重大隐患: holds the safety check until fixed.
    Major,
}

impl HazardLevel {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            HazardLevel::General => "general",
            HazardLevel::Major => "major",
        }
    }

    /// The level of a stored code.
    pub fn of_code(code: &str) -> Option<HazardLevel> {
        match code {
            "general" => Some(HazardLevel::General),
            "major" => Some(HazardLevel::Major),
            _ => None,
        }
    }

    /// The level as the API shows it.
    pub fn to_proto(self) -> pb::HazardLevel {
        match self {
            HazardLevel::General => pb::HazardLevel::General,
            HazardLevel::Major => pb::HazardLevel::Major,
        }
    }

    /// The level the API names; `None` for unspecified or unknown values.
    pub fn from_proto(level: i32) -> Option<HazardLevel> {
        match pb::HazardLevel::try_from(level).ok()? {
            pb::HazardLevel::Unspecified => None,
            pb::HazardLevel::General => Some(HazardLevel::General),
            pb::HazardLevel::Major => Some(HazardLevel::Major),
        }
    }
}

/// A hazard as an inspection reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HazardDraft {
    pub level: HazardLevel,
    /// What is wrong; never empty.
    pub description: Reason,
    /// The day (CST) it must be fixed by.
    pub fix_deadline: NaiveDate,
}

/// Why a hazard is not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum HazardError {
    #[error("请选择隐患等级：一般隐患或重大隐患 (the level must be GENERAL or MAJOR)")]
    Level,
    #[error(
        "隐患描述不能为空，且不超过{MAX_DESCRIPTION_CHARS}个字 (a description of at most {MAX_DESCRIPTION_CHARS} characters is required)"
    )]
    Description,
    #[error("整改期限应为 YYYY-MM-DD 格式的日期 (the fix deadline must be a date, YYYY-MM-DD)")]
    Deadline,
    #[error(
        "整改期限{deadline}早于检查日期{inspected} (the fix deadline {deadline} is before the inspection on {inspected})"
    )]
    DeadlineBeforeInspection {
        deadline: NaiveDate,
        inspected: NaiveDate,
    },
    #[error("一次检查最多记录{MAX_HAZARDS}项隐患 (at most {MAX_HAZARDS} hazards per inspection)")]
    TooMany,
}

/// Parses the hazards of an inspection made on `inspected` (CST; `None` when the inspection time
/// itself is bad, and then deadlines are only checked as dates), at `field` (`hazards`).
pub fn parse_hazards(
    hazards: &[pb::Hazard],
    inspected: Option<NaiveDate>,
    field: &str,
) -> Result<Vec<HazardDraft>, Vec<FieldViolation>> {
    let mut v = Violations::new();
    if hazards.len() > MAX_HAZARDS {
        v.add(field, HazardError::TooMany);
        return Err(v.into_vec());
    }
    let mut drafts = Vec::with_capacity(hazards.len());
    for (i, hazard) in hazards.iter().enumerate() {
        let at = |name: &str| path(&format!("{field}[{i}]"), name);
        let level = v.check(
            at("level"),
            HazardLevel::from_proto(hazard.level).ok_or(HazardError::Level),
        );
        let description = v.check(
            at("description"),
            Reason::parse(&hazard.description).map_err(|_| HazardError::Description),
        );
        let deadline = v.check(
            at("fix_deadline"),
            parse_deadline(&hazard.fix_deadline, inspected),
        );
        if let (Some(level), Some(description), Some(fix_deadline)) = (level, description, deadline)
        {
            drafts.push(HazardDraft {
                level,
                description,
                fix_deadline,
            });
        }
    }
    v.collect(Some(drafts))
}

fn parse_deadline(text: &str, inspected: Option<NaiveDate>) -> Result<NaiveDate, HazardError> {
    let deadline =
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| HazardError::Deadline)?;
    match inspected {
        Some(inspected) if deadline < inspected => Err(HazardError::DeadlineBeforeInspection {
            deadline,
            inspected,
        }),
        _ => Ok(deadline),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hazard(level: pb::HazardLevel, description: &str, deadline: &str) -> pb::Hazard {
        pb::Hazard {
            level: level as i32,
            description: description.into(),
            fix_deadline: deadline.into(),
            ..Default::default()
        }
    }

    fn fields(result: Result<Vec<HazardDraft>, Vec<FieldViolation>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|v| v.field)
            .collect()
    }

    #[test]
    fn good_hazards_parse_in_order() {
        let inspected = "2021-10-15".parse().ok();
        let drafts = parse_hazards(
            &[
                hazard(pb::HazardLevel::Major, " 配电箱无漏电保护 ", "2021-10-30"),
                hazard(pb::HazardLevel::General, "消防通道堆物", "2021-10-15"),
            ],
            inspected,
            "hazards",
        )
        .expect("good hazards");
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].level, HazardLevel::Major);
        assert_eq!(
            drafts[0].description.as_str(),
            "配电箱无漏电保护",
            "trimmed"
        );
        assert_eq!(
            drafts[1].fix_deadline.to_string(),
            "2021-10-15",
            "same day is fine"
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let inspected = "2021-10-15".parse().ok();
        let cases = [
            (
                hazard(pb::HazardLevel::Unspecified, "x", "2021-10-30"),
                "hazards[0].level",
            ),
            (
                pb::Hazard {
                    level: 9,
                    ..hazard(pb::HazardLevel::Major, "x", "2021-10-30")
                },
                "hazards[0].level",
            ),
            (
                hazard(pb::HazardLevel::Major, "  ", "2021-10-30"),
                "hazards[0].description",
            ),
            (
                hazard(pb::HazardLevel::Major, "x", "2021-10-14"),
                "hazards[0].fix_deadline",
            ),
            (
                hazard(pb::HazardLevel::Major, "x", "30/10/2021"),
                "hazards[0].fix_deadline",
            ),
        ];
        for (bad, field) in cases {
            assert_eq!(
                fields(parse_hazards(
                    std::slice::from_ref(&bad),
                    inspected,
                    "hazards"
                )),
                [field],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn stored_codes_round_trip() {
        for level in [HazardLevel::General, HazardLevel::Major] {
            assert_eq!(HazardLevel::of_code(level.code()), Some(level));
            assert_eq!(
                HazardLevel::from_proto(level.to_proto() as i32),
                Some(level)
            );
        }
        assert_eq!(HazardLevel::of_code("minor"), None);
    }
}
