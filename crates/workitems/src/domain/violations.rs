//! Collecting every bad field of a request at once, so a caller fixes them all in one go
//! (AIP-193 `BadRequest`), instead of one round trip per mistake.

use std::fmt::Display;

use rectify_kit::FieldViolation;

/// The bad fields found so far while parsing one request.
#[derive(Debug, Default)]
pub struct Violations(Vec<FieldViolation>);

impl Violations {
    /// No violations yet.
    pub fn new() -> Violations {
        Violations::default()
    }

    /// Records that `field` is bad for the reason `error` gives ("中文 (English)").
    pub fn add(&mut self, field: impl Into<String>, error: impl Display) {
        self.0.push(FieldViolation::new(field, error));
    }

    /// The parsed value, or `None` after recording the error under `field`.
    pub fn check<T, E: Display>(
        &mut self,
        field: impl Into<String>,
        parsed: Result<T, E>,
    ) -> Option<T> {
        match parsed {
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

    /// The parsed value, or `None` after taking over the nested parse's violations.
    pub fn nested<T>(&mut self, parsed: Result<T, Vec<FieldViolation>>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(nested) => {
                self.extend(nested);
                None
            }
        }
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `value` when nothing was recorded (it must then be `Some`), else every violation.
    ///
    /// `value` is `None` only when a check failed, so a `None` with no violation recorded is a bug
    /// in the parser; it is reported under the field `""` rather than panicking.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldViolation>> {
        match (value, self.0.is_empty()) {
            (Some(value), true) => Ok(value),
            (None, true) => Err(vec![FieldViolation::new("", "请求无效 (invalid request)")]),
            (_, false) => Err(self.0),
        }
    }

    /// Every violation recorded.
    pub fn into_vec(self) -> Vec<FieldViolation> {
        self.0
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failed_check_is_kept_in_order() {
        let mut violations = Violations::new();
        let a: Option<u8> = violations.check("a", "x".parse::<u8>());
        let b: Option<u8> = violations.check("b", "7".parse::<u8>());
        let c: Option<u8> = violations.check("c", "-1".parse::<u8>());
        assert_eq!((a, b, c), (None, Some(7), None), "parsed values");
        let fields: Vec<String> = violations.into_vec().into_iter().map(|v| v.field).collect();
        assert_eq!(fields, ["a", "c"], "both bad fields, in order");
    }

    #[test]
    fn finish_returns_the_value_only_when_nothing_is_wrong() {
        assert_eq!(Violations::new().finish(Some(1)), Ok(1), "clean");
        let mut violations = Violations::new();
        violations.add("note", "太长 (too long)");
        assert!(violations.finish(Some(1)).is_err(), "a violation wins");
    }

    #[test]
    fn paths_join_with_a_dot_unless_at_the_top() {
        let cases = [
            ("evidence", "note", "evidence.note"),
            ("", "note", "note"),
            (
                "evidence.attachments[0]",
                "sha256",
                "evidence.attachments[0].sha256",
            ),
        ];
        for (prefix, field, expected) in cases {
            assert_eq!(path(prefix, field), expected, "{prefix:?} + {field:?}");
        }
    }
}
