//! Requests into domain values at the edge, shared by every service: a
//! collector that reports every bad field of a request at once, resource
//! names, reasons, free text, dates, etags and timestamps.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::{Error, FieldViolation, Result};
use crate::text::Text;

/// Longest reason or note accepted, in characters.
pub const MAX_REASON: usize = 500;

/// The bad fields of one request, collected so the caller hears of all of them.
#[derive(Debug, Default)]
pub struct Violations(Vec<FieldViolation>);

impl Violations {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `field` is bad for the reason `description` gives: a
    /// [`Text`], or a domain error whose message is written `中文 (English)`.
    pub fn add(&mut self, field: impl Into<String>, description: impl std::fmt::Display) {
        self.0.push(FieldViolation::new(
            field,
            Text::from_bilingual(&description.to_string()),
        ));
    }

    /// The value of `result`, or records its error against `field`.
    pub fn check<T, E: std::fmt::Display>(
        &mut self,
        field: impl Into<String>,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(field, error);
                None
            }
        }
    }

    /// Takes over the violations of a nested parse.
    pub fn extend(&mut self, nested: Vec<FieldViolation>) {
        self.0.extend(nested);
    }

    /// The value of a nested parse, or takes over its violations.
    pub fn nested<T>(&mut self, parsed: Result<T, Vec<FieldViolation>>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(nested) => {
                self.extend(nested);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every violation recorded.
    pub fn into_vec(self) -> Vec<FieldViolation> {
        self.0
    }

    /// `value` when nothing was recorded, else every violation: the result of
    /// a nested parse, for [`Violations::nested`] of the enclosing one.
    pub fn collect<T>(self, value: Option<T>) -> Result<T, Vec<FieldViolation>> {
        match (value, self.0.is_empty()) {
            (Some(value), true) => Ok(value),
            (None, true) => Err(vec![FieldViolation::new(
                "",
                Text::new("请求无效", "invalid request"),
            )]),
            (_, false) => Err(self.0),
        }
    }

    /// The value built by `value` when no field was bad, else INVALID_ARGUMENT
    /// with every violation.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T> {
        if !self.0.is_empty() {
            return Err(Error::InvalidArgument(self.0));
        }
        value().ok_or_else(|| {
            Error::Internal(anyhow::anyhow!("parse produced no value and no violation"))
        })
    }

    /// Trimmed text of at most `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.chars().count() > max {
            self.add(
                field,
                crate::text!("不能超过{max}个字符", "must be at most {max} characters"),
            );
        }
        value.to_owned()
    }

    /// Trimmed text that must not be empty.
    pub fn required_text(&mut self, field: &str, value: &str, max: usize) -> String {
        let value = self.text(field, value, max);
        if value.is_empty() {
            self.add(field, crate::text!("必须填写", "is required"));
        }
        value
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(&mut self, field: &str, value: &str) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.add(
                field,
                crate::text!("日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD"),
            );
        }
        parsed
    }

    /// A required timestamp.
    pub fn timestamp(
        &mut self,
        field: &str,
        value: Option<&prost_types::Timestamp>,
    ) -> Option<DateTime<Utc>> {
        let parsed = value.and_then(from_timestamp);
        if parsed.is_none() {
            self.add(
                field,
                crate::text!("须填写有效的时间", "a valid time is required"),
            );
        }
        parsed
    }
}

/// `prefix.field`, or `field` when the prefix is empty: the path of a nested field.
pub fn path(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else {
        format!("{prefix}.{field}")
    }
}

/// The id in a resource name `{collection}/{id}{suffix}`, e.g. the id of
/// `enterprises/0190…/plan` with collection `enterprises` and suffix `/plan`.
pub fn resource_id(name: &str, collection: &str, suffix: &str, field: &str) -> Result<String> {
    name.strip_prefix(collection)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|rest| rest.strip_suffix(suffix))
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_owned)
        .ok_or_else(|| {
            Error::invalid(
                field,
                crate::text!(
                    "资源名应为 {collection}/{{id}}{suffix}，收到“{name}”",
                    "name must look like {collection}/{{id}}{suffix}, got {name:?}"
                ),
            )
        })
}

/// A reason the caller must give.
pub fn required_reason(reason: &str, field: &str) -> Result<String> {
    let mut v = Violations::default();
    let reason = v.text(field, reason, MAX_REASON);
    if reason.is_empty() {
        v.add(field, crate::text!("须填写理由", "a reason is required"));
    }
    v.finish(|| Some(reason))
}

/// Free text up to the reason length.
pub fn optional_text(text: &str, field: &str) -> Result<String> {
    let mut v = Violations::default();
    let text = v.text(field, text, MAX_REASON);
    v.finish(|| Some(text))
}

/// The etag of a resource at `version`.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// An etag if the caller sent one.
pub fn sent_etag(etag: &str) -> Option<String> {
    Some(etag.trim().to_owned()).filter(|e| !e.is_empty())
}

/// A time as a protobuf timestamp.
pub fn timestamp(at: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: at.timestamp(),
        nanos: at.timestamp_subsec_nanos() as i32,
    }
}

/// A protobuf timestamp as a time, if it is one.
pub fn from_timestamp(at: &prost_types::Timestamp) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(at.seconds, u32::try_from(at.nanos).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_names_give_their_id_or_a_field_violation() {
        let cases = [
            ("enterprises/0190-ab", "", Some("0190-ab"), "plain name"),
            (
                "enterprises/0190/plan",
                "/plan",
                Some("0190"),
                "with suffix",
            ),
            ("enterprises/", "", None, "empty id"),
            ("plans/0190", "", None, "other collection"),
            ("enterprises/01 90", "", None, "space in id"),
            ("enterprises/0190/plan", "", None, "unexpected suffix"),
        ];
        for (name, suffix, expected, why) in cases {
            let got = resource_id(name, "enterprises", suffix, "name").ok();
            assert_eq!(got.as_deref(), expected, "{why}");
        }
    }

    #[test]
    fn every_bad_field_is_reported_together() {
        let mut v = Violations::default();
        v.date("a", "2021-13-01");
        v.required_text("b", "  ", 10);
        v.text("c", "12345", 3);
        match v.finish(|| Some(())) {
            Err(Error::InvalidArgument(violations)) => {
                let fields: Vec<_> = violations.iter().map(|v| v.field.as_str()).collect();
                assert_eq!(fields, ["a", "b", "c"], "all three fields");
            }
            other => panic!("expected INVALID_ARGUMENT, got {other:?}"),
        }
    }
}
