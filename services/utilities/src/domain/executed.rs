//! When a cut, clearing or well closure was executed: it has happened (per the one clock, with the
//! usual allowance for device skew), and not before the enterprise's plan was published, since
//! the plan is what ordered it.

use chrono::{DateTime, NaiveDate, Utc};
use prost_types::Timestamp;
use rectify_kit::clock::date_cst;
use rectify_workitems::domain::moment::{MomentError, parse_past};
use thiserror::Error;

/// The instant work was executed: past, and on or after the plan's publication date (CST).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExecutedAt(DateTime<Utc>);

/// Why an execution time is not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ExecutedAtError {
    /// Missing, invalid or in the future.
    #[error(transparent)]
    Moment(#[from] MomentError),
    /// Before the plan that ordered the work was published.
    #[error(
        "执行日期{date}早于整治方案发布日期{published} (executed on {date}, before the plan was published on {published})"
    )]
    BeforePublication {
        /// The execution date in CST.
        date: NaiveDate,
        /// The plan's publication date in CST.
        published: NaiveDate,
    },
}

impl ExecutedAt {
    /// Parses a required execution time given `now` and the plan's publication date (CST).
    pub fn parse(
        timestamp: Option<&Timestamp>,
        now: DateTime<Utc>,
        plan_published: NaiveDate,
    ) -> Result<ExecutedAt, ExecutedAtError> {
        let at = parse_past(timestamp, now)?;
        let date = date_cst(at);
        if date < plan_published {
            return Err(ExecutedAtError::BeforePublication {
                date,
                published: plan_published,
            });
        }
        Ok(ExecutedAt(at))
    }

    /// The instant.
    pub fn at(self) -> DateTime<Utc> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rectify_workitems::domain::moment::to_timestamp;

    use rectify_kit::clock::instant as at;

    #[test]
    fn cuts_are_dated_between_publication_and_now() {
        let now = at("2021-10-15T10:00:00+08:00");
        let published: NaiveDate = "2021-07-25".parse().expect("valid date");
        let cases = [
            ("2021-09-01T09:30:00+08:00", true, "in the campaign"),
            (
                "2021-07-25T00:00:00+08:00",
                true,
                "the first minute of the publication day (CST)",
            ),
            (
                "2021-07-24T23:59:59+08:00",
                false,
                "the evening before publication (CST)",
            ),
            (
                "2021-07-24T16:30:00Z",
                true,
                "00:30 CST on publication day, still the 24th in UTC",
            ),
            ("2021-10-15T10:00:00+08:00", true, "now"),
            ("2021-10-16T09:00:00+08:00", false, "tomorrow"),
        ];
        for (instant, ok, why) in cases {
            let parsed = ExecutedAt::parse(Some(&to_timestamp(at(instant))), now, published);
            assert_eq!(parsed.is_ok(), ok, "{why}: {parsed:?}");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let now = at("2021-10-15T10:00:00+08:00");
        let published: NaiveDate = "2021-07-25".parse().expect("valid date");
        let cases = [
            (None, "时间不能为空 (a time is required)".to_owned()),
            (
                Some(at("2021-07-01T10:00:00+08:00")),
                "执行日期2021-07-01早于整治方案发布日期2021-07-25 (executed on 2021-07-01, before the plan was published on 2021-07-25)".to_owned(),
            ),
        ];
        for (instant, message) in cases {
            let timestamp = instant.map(to_timestamp);
            let error = ExecutedAt::parse(timestamp.as_ref(), now, published).expect_err(&message);
            assert_eq!(error.to_string(), message);
        }
        let future = ExecutedAt::parse(
            Some(&to_timestamp(at("2022-01-01T00:00:00Z"))),
            now,
            published,
        );
        assert!(
            matches!(
                future,
                Err(ExecutedAtError::Moment(MomentError::InFuture { .. }))
            ),
            "a cut dated in the future: {future:?}"
        );
    }
}
