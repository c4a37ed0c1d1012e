//! What the request tests share: a parse context inside the campaign, instants around it, a good
//! photo, and the table runner.

use chrono::NaiveDate;
use rectify_kit::FieldViolation;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::domain::moment::to_timestamp;

use crate::domain::ParseContext;

pub const PHOTO: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
pub const ITEM: &str = "workItems/0190f0a0-5b3c-7000-8000-00000000002a";

pub use rectify_kit::clock::instant as at;

pub fn context() -> ParseContext<'static> {
    ParseContext {
        now: at("2021-10-15T10:00:00+08:00"),
        plan_published: NaiveDate::from_ymd_opt(2021, 7, 25).expect("valid date"),
        bounds: None,
    }
}

pub fn when(rfc3339: &str) -> Option<prost_types::Timestamp> {
    Some(to_timestamp(at(rfc3339)))
}

pub const YESTERDAY: &str = "2021-10-14T09:00:00+08:00";
pub const TOMORROW: &str = "2021-10-16T09:00:00+08:00";
pub const BEFORE_PLAN: &str = "2021-07-20T09:00:00+08:00";

pub fn evidence(sha256: &str) -> Option<wpb::Evidence> {
    Some(wpb::Evidence {
        attachments: vec![wpb::Attachment {
            sha256: sha256.into(),
            file_name: "IMG_0042.jpg".into(),
            media_type: "image/jpeg".into(),
        }],
        ..Default::default()
    })
}

/// The fields refused, or `[]` when the request was accepted, and their messages joined.
pub fn outcome<T>(result: Result<T, Vec<FieldViolation>>) -> (Vec<String>, String) {
    match result {
        Ok(_) => (vec![], String::new()),
        Err(violations) => (
            violations.iter().map(|v| v.field.clone()).collect(),
            violations
                .iter()
                .map(|v| v.description.to_string())
                .collect::<Vec<_>>()
                .join(" | "),
        ),
    }
}

/// Checks a table of (why, request, refused fields, message fragment).
pub fn check<R, T>(
    parse: impl Fn(&R) -> Result<T, Vec<FieldViolation>>,
    cases: Vec<(&str, R, &[&str], &str)>,
) {
    for (why, request, fields, fragment) in cases {
        let (refused, messages) = outcome(parse(&request));
        assert_eq!(refused, fields, "{why}: {messages}");
        assert!(messages.contains(fragment), "{why}: {messages}");
    }
}
