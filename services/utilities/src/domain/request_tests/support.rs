//! What the request tests share: a parse context inside the campaign, instants around it, a good
//! photo, and the table runner.

use chrono::NaiveDate;
use rectify_kit::FieldViolation;

use crate::domain::ParseContext;

pub const ITEM: &str = "workItems/0190f0a0-5b3c-7000-8000-00000000002a";

pub use rectify_testkit::evidence::{PHOTO_SHA256, at, bare_photo, when};

pub fn context() -> ParseContext<'static> {
    ParseContext {
        now: at("2021-10-15T10:00:00+08:00"),
        plan_published: NaiveDate::from_ymd_opt(2021, 7, 25).expect("valid date"),
        bounds: None,
    }
}

pub const YESTERDAY: &str = "2021-10-14T09:00:00+08:00";
pub const TOMORROW: &str = "2021-10-16T09:00:00+08:00";
pub const BEFORE_PLAN: &str = "2021-07-20T09:00:00+08:00";

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
