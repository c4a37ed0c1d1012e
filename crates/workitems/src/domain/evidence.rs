//! Evidence: what backs a state change (DESIGN §2 "Evidence"): photos and documents by content
//! hash, when and where they were taken, a note, and the bureau's own figures.
//!
//! Parsed once from the request ([`Evidence::parse_required`], [`Evidence::parse_optional`]),
//! reporting every bad field at once with its path, e.g. `evidence.attachments[0].sha256`. The
//! output-only fields a caller may send (`recorded_by`, `record_time`) are ignored, as AIP-203
//! asks.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_campaign::text::clean;
use rectify_campaign::{Bounds, GeoPoint};
use rectify_kit::FieldViolation;
use rectify_proto::workitems::v1 as pb;
use thiserror::Error;

use super::content_hash::ContentHash;
use super::moment::{check_past, from_timestamp, to_timestamp};
use super::text::Note;
use rectify_kit::parse::{Violations, path};

/// Most attachments one evidence may carry.
pub const MAX_ATTACHMENTS: usize = 50;

/// Most figures one evidence may carry.
pub const MAX_FIGURES: usize = 50;

/// One photo or document, by content hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// SHA-256 of the file.
    pub sha256: ContentHash,
    /// The file's name in the bureau's system.
    pub file_name: String,
    /// Media type, lower case, e.g. `image/jpeg`.
    pub media_type: String,
}

/// A named number or code, e.g. 电表读数 12345.6 kWh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// Name, unique within the evidence.
    pub name: String,
    /// Value as read.
    pub value: String,
    /// Unit; may be empty.
    pub unit: String,
}

/// Parsed evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// Photos and documents; at least one where evidence is required.
    pub attachments: Vec<Attachment>,
    /// When they were taken; not in the future.
    pub taken_at: Option<DateTime<Utc>>,
    /// Where; inside the campaign's bounds when they were given.
    pub location: Option<GeoPoint>,
    /// A remark.
    pub note: Note,
    /// The bureau's own numbers.
    pub figures: Vec<Figure>,
}

/// What evidence is checked against: the one clock's now and, when known, the campaign's area.
#[derive(Clone, Copy, Debug)]
pub struct EvidenceRules<'a> {
    /// The clock's current instant.
    pub now: DateTime<Utc>,
    /// The campaign's GPS box, if the service knows it.
    pub bounds: Option<&'a Bounds>,
}

impl EvidenceRules<'_> {
    /// The instant `at` of field `field`: required, and not after now (beyond the allowed
    /// skew); `None` with the violation recorded in `v` otherwise.
    pub fn past(
        &self,
        v: &mut Violations,
        field: &str,
        at: Option<&prost_types::Timestamp>,
    ) -> Option<DateTime<Utc>> {
        super::moment::parse_past(at, self.now)
            .map_err(|e| v.add(field, e))
            .ok()
    }

    /// The `YYYY-MM-DD` date of field `field`: required, and not after today (CST); `None`
    /// with the violation recorded in `v` otherwise.
    pub fn past_date(&self, v: &mut Violations, field: &str, value: &str) -> Option<NaiveDate> {
        if value.trim().is_empty() {
            v.add(field, rectify_kit::text!("必须填写", "is required"));
            return None;
        }
        let date = v.date(field, value)?;
        let today = rectify_kit::clock::date_cst(self.now);
        if date > today {
            v.add(
                field,
                rectify_kit::text!(
                    "日期 {date} 晚于今天（{today}）",
                    "{date} is in the future (today is {today})"
                ),
            );
            return None;
        }
        Some(date)
    }
}

/// Why a part of the evidence is not accepted (beyond hashes, times and texts, which have their
/// own errors).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EvidenceError {
    /// No evidence where it is required.
    #[error("需要提供证据材料 (evidence is required)")]
    Missing,
    /// No attachment where evidence is required.
    #[error(
        "至少需要一个附件（照片或文件） (at least one attachment, a photo or document, is required)"
    )]
    NoAttachment,
    /// Too many entries in a list.
    #[error("最多{0}项 (at most {0} entries)")]
    TooMany(usize),
    /// The same file attached twice.
    #[error("与第{0}个附件重复 (the same file as attachment {0})")]
    DuplicateAttachment(usize),
    /// A required text is empty.
    #[error("不能为空 (required)")]
    Empty,
    /// A text is too long.
    #[error("不能超过{0}个字符 (at most {0} characters)")]
    TooLong(usize),
    /// Not `type/subtype`.
    #[error("媒体类型应形如image/jpeg (media type must look like image/jpeg)")]
    MediaType,
    /// The same figure name twice.
    #[error("与第{0}项数据名称重复 (the same name as figure {0})")]
    DuplicateFigure(usize),
    /// A timestamp out of range.
    #[error("时间无效 (not a valid timestamp)")]
    InvalidTime,
    /// A position outside the campaign's area.
    #[error("位置不在本次整治活动的区域内 (the location is outside the campaign's area)")]
    OutsideBounds,
}

impl Evidence {
    /// Parses evidence that must be given, with at least one attachment; `field` is its path.
    pub fn parse_required(
        evidence: Option<&pb::Evidence>,
        field: &str,
        rules: EvidenceRules<'_>,
    ) -> Result<Evidence, Vec<FieldViolation>> {
        let Some(evidence) = evidence else {
            return Err(vec![FieldViolation::new(
                field,
                EvidenceError::Missing.to_string(),
            )]);
        };
        let mut violations = Violations::new();
        if evidence.attachments.is_empty() {
            violations.add(path(field, "attachments"), EvidenceError::NoAttachment);
        }
        let parsed = violations.nested(parse(evidence, field, rules));
        violations.collect(parsed)
    }

    /// Parses evidence that may be left out (absent or empty means none); `field` is its path.
    pub fn parse_optional(
        evidence: Option<&pb::Evidence>,
        field: &str,
        rules: EvidenceRules<'_>,
    ) -> Result<Option<Evidence>, Vec<FieldViolation>> {
        match evidence {
            None => Ok(None),
            Some(e) if is_empty(e) => Ok(None),
            Some(e) => parse(e, field, rules).map(Some),
        }
    }

    /// The evidence as the API shows it, with who recorded it and when.
    pub fn to_proto(&self, recorded_by: &str, record_time: DateTime<Utc>) -> pb::Evidence {
        pb::Evidence {
            attachments: self
                .attachments
                .iter()
                .map(|a| pb::Attachment {
                    sha256: a.sha256.to_string(),
                    file_name: a.file_name.clone(),
                    media_type: a.media_type.clone(),
                })
                .collect(),
            taken_at: self.taken_at.map(to_timestamp),
            location: self.location.map(|p| rectify_proto::common::v1::GeoPoint {
                latitude: p.latitude(),
                longitude: p.longitude(),
            }),
            note: self.note.to_string(),
            figures: self
                .figures
                .iter()
                .map(|f| pb::Figure {
                    name: f.name.clone(),
                    value: f.value.clone(),
                    unit: f.unit.clone(),
                })
                .collect(),
            recorded_by: recorded_by.to_owned(),
            record_time: Some(to_timestamp(record_time)),
        }
    }
}

/// Nothing a caller could have meant as evidence.
fn is_empty(e: &pb::Evidence) -> bool {
    e.attachments.is_empty()
        && e.taken_at.is_none()
        && e.location.is_none()
        && clean(&e.note).is_empty()
        && e.figures.is_empty()
}

/// A cleaned text: non-empty unless `optional`, at most `max` characters.
fn text(input: &str, max: usize, optional: bool) -> Result<String, EvidenceError> {
    let text = clean(input);
    if text.is_empty() && !optional {
        return Err(EvidenceError::Empty);
    }
    if text.chars().count() > max {
        return Err(EvidenceError::TooLong(max));
    }
    Ok(text)
}

/// `type/subtype` of RFC 6838 restricted-name characters, lower-cased.
fn media_type(input: &str) -> Result<String, EvidenceError> {
    let lower = text(input, 127, false)?.to_ascii_lowercase();
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    match lower.split_once('/') {
        Some((kind, subtype)) if token(kind) && token(subtype) => Ok(lower),
        _ => Err(EvidenceError::MediaType),
    }
}

fn parse(
    evidence: &pb::Evidence,
    field: &str,
    rules: EvidenceRules<'_>,
) -> Result<Evidence, Vec<FieldViolation>> {
    let mut v = Violations::new();
    let at = |name: &str| path(field, name);
    if evidence.attachments.len() > MAX_ATTACHMENTS {
        v.add(at("attachments"), EvidenceError::TooMany(MAX_ATTACHMENTS));
    }
    let mut attachments = Vec::new();
    let mut seen: Vec<(usize, ContentHash)> = Vec::new();
    for (i, a) in evidence.attachments.iter().enumerate() {
        let item = |name: &str| format!("{}[{i}].{name}", at("attachments"));
        let sha256 = v.check(item("sha256"), ContentHash::parse(&a.sha256));
        let duplicate = sha256.as_ref().and_then(|hash| {
            seen.iter()
                .find(|(_, earlier)| earlier == hash)
                .map(|(index, _)| *index)
        });
        match (&sha256, duplicate) {
            (_, Some(earlier)) => {
                v.add(
                    item("sha256"),
                    EvidenceError::DuplicateAttachment(earlier + 1),
                );
            }
            (Some(hash), None) => seen.push((i, hash.clone())),
            (None, None) => {}
        }
        let file_name = v.check(item("file_name"), text(&a.file_name, 255, false));
        let media_type = v.check(item("media_type"), media_type(&a.media_type));
        if let (Some(sha256), Some(file_name), Some(media_type), None) =
            (sha256, file_name, media_type, duplicate)
        {
            attachments.push(Attachment {
                sha256,
                file_name,
                media_type,
            });
        }
    }
    let taken_at = match &evidence.taken_at {
        None => Some(None),
        Some(ts) => match from_timestamp(ts) {
            None => v.check(at("taken_at"), Err(EvidenceError::InvalidTime)),
            Some(instant) => v.check(at("taken_at"), check_past(instant, rules.now).map(Some)),
        },
    };
    let location = match &evidence.location {
        None => Some(None),
        Some(p) => match GeoPoint::new(p.latitude, p.longitude) {
            Err(e) => v.check(path(&at("location"), e.field()), Err(e)),
            Ok(point) if rules.bounds.is_some_and(|b| !b.contains(&point)) => {
                v.check(at("location"), Err(EvidenceError::OutsideBounds))
            }
            Ok(point) => Some(Some(point)),
        },
    };
    let note = v.check(at("note"), Note::parse(&evidence.note));
    let figures = parse_figures(&evidence.figures, &at("figures"), &mut v);
    let parsed = match (taken_at, location, note) {
        (Some(taken_at), Some(location), Some(note)) => Some(Evidence {
            attachments,
            taken_at,
            location,
            note,
            figures,
        }),
        _ => None,
    };
    v.collect(parsed)
}

fn parse_figures(figures: &[pb::Figure], field: &str, v: &mut Violations) -> Vec<Figure> {
    if figures.len() > MAX_FIGURES {
        v.add(field, EvidenceError::TooMany(MAX_FIGURES));
    }
    let mut parsed: Vec<Figure> = Vec::new();
    let mut seen: Vec<(usize, String)> = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        let item = |name: &str| format!("{field}[{i}].{name}");
        let name = v.check(item("name"), text(&f.name, 64, false));
        if let Some(name) = &name {
            match seen.iter().find(|(_, earlier)| earlier == name) {
                Some((earlier, _)) => {
                    v.add(item("name"), EvidenceError::DuplicateFigure(earlier + 1));
                }
                None => seen.push((i, name.clone())),
            }
        }
        let value = v.check(item("value"), text(&f.value, 128, false));
        let unit = v.check(item("unit"), text(&f.unit, 16, true));
        if let (Some(name), Some(value), Some(unit)) = (name, value, unit) {
            parsed.push(Figure { name, value, unit });
        }
    }
    parsed
}

#[cfg(test)]
#[path = "evidence_tests.rs"]
mod tests;
