//! Deadlines: dates in the campaign's time zone, China Standard Time (UTC+8).
//!
//! A work item is due by the end of its deadline day in CST and overdue from the first instant of
//! the next CST day until it is complete (DONE where no verification is needed, VERIFIED, or
//! WAIVED). A cancelled item is never overdue. Overdue is derived whenever it is read, from the
//! one clock (`rectify_kit::clock`), never stored.

use std::fmt;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rectify_kit::clock::{date_cst, start_of_day_cst};
use thiserror::Error;

use super::state::State;

/// The day by whose end (CST) a work item is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Deadline(NaiveDate);

/// Why a string is not a deadline.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DeadlineError {
    /// Not a real date written `YYYY-MM-DD`.
    #[error(
        "截止日期应为YYYY-MM-DD格式的有效日期，实际为“{0}” (deadline must be a valid date written YYYY-MM-DD, found {0:?})"
    )]
    NotADate(String),
}

impl Deadline {
    /// The deadline `date` (a date in CST).
    pub fn new(date: NaiveDate) -> Deadline {
        Deadline(date)
    }

    /// Parses `YYYY-MM-DD` exactly: four-digit year, two-digit month and day.
    pub fn parse(input: &str) -> Result<Deadline, DeadlineError> {
        let well_formed = input.len() == 10
            && input.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        well_formed
            .then(|| NaiveDate::parse_from_str(input, "%Y-%m-%d").ok())
            .flatten()
            .map(Deadline)
            .ok_or_else(|| DeadlineError::NotADate(input.to_owned()))
    }

    /// The deadline day.
    pub fn date(self) -> NaiveDate {
        self.0
    }

    /// The first instant at which an unfinished item is overdue: 00:00 CST the day after.
    pub fn overdue_from(self) -> DateTime<Utc> {
        let next_day = self
            .0
            .checked_add_days(Days::new(1))
            .unwrap_or(NaiveDate::MAX);
        start_of_day_cst(next_day)
    }

    /// Days from `today` (a CST date) to the deadline: 0 on the day itself, negative once past.
    pub fn days_left(self, today: NaiveDate) -> i64 {
        (self.0 - today).num_days()
    }
}

/// Whether an item with this deadline, state and verification need is overdue at `now`.
pub fn is_overdue(
    deadline: Deadline,
    state: State,
    needs_verification: bool,
    now: DateTime<Utc>,
) -> bool {
    let finished = state.is_complete(needs_verification) || state == State::Cancelled;
    !finished && date_cst(now) > deadline.date()
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::state::Resume;

    use rectify_kit::clock::instant as at;

    fn deadline(text: &str) -> Deadline {
        Deadline::parse(text).expect("valid test deadline")
    }

    #[test]
    fn overdue_starts_at_midnight_cst_after_the_deadline_day() {
        let due = deadline("2021-12-31");
        let cases = [
            (
                "2021-12-31T15:59:59Z",
                false,
                "23:59:59 CST on the deadline day",
            ),
            ("2021-12-31T16:00:00Z", true, "00:00 CST on 2022-01-01"),
            (
                "2021-12-31T23:00:00Z",
                true,
                "07:00 CST on 2022-01-01, still 2021 in UTC",
            ),
            (
                "2021-12-30T23:00:00Z",
                false,
                "07:00 CST on the deadline day",
            ),
            ("2021-07-25T00:00:00Z", false, "long before"),
            ("2022-03-01T00:00:00Z", true, "long after"),
        ];
        for (now, overdue, why) in cases {
            assert_eq!(
                is_overdue(due, State::Pending, true, at(now)),
                overdue,
                "{why}"
            );
        }
        assert_eq!(
            due.overdue_from(),
            at("2021-12-31T16:00:00Z"),
            "first overdue instant"
        );
    }

    #[test]
    fn only_unfinished_items_are_overdue() {
        let due = deadline("2021-12-31");
        let late = at("2022-01-05T00:00:00Z");
        // (state, overdue with verification, overdue without)
        let cases = [
            (State::Pending, true, true),
            (State::InProgress, true, true),
            (
                State::Blocked {
                    from: Resume::Pending,
                },
                true,
                true,
            ),
            (State::Done, true, false),
            (State::Verified, false, false),
            (State::Waived, false, false),
            (State::Cancelled, false, false),
        ];
        for (state, with, without) in cases {
            assert_eq!(
                is_overdue(due, state, true, late),
                with,
                "{state:?}, verification needed"
            );
            assert_eq!(
                is_overdue(due, state, false, late),
                without,
                "{state:?}, none needed"
            );
        }
    }

    #[test]
    fn deadlines_parse_only_as_yyyy_mm_dd() {
        let cases = [
            ("2021-12-31", true),
            ("2024-02-29", true),
            ("2021-02-29", false),
            ("2021-13-01", false),
            ("2021-1-5", false),
            ("2021/12/31", false),
            (" 2021-12-31", false),
            ("2021-12-31T00:00:00", false),
            ("+2021-12-31", false),
            ("", false),
        ];
        for (input, ok) in cases {
            assert_eq!(Deadline::parse(input).is_ok(), ok, "{input:?}");
        }
        assert_eq!(
            deadline("2021-12-31").to_string(),
            "2021-12-31",
            "displayed as parsed"
        );
    }

    #[test]
    fn days_left_counts_cst_days_to_the_deadline() {
        let due = deadline("2021-12-31");
        let cases = [("2021-12-01", 30), ("2021-12-31", 0), ("2022-01-01", -1)];
        for (today, left) in cases {
            let today: NaiveDate = today.parse().expect("valid date");
            assert_eq!(due.days_left(today), left, "{today}");
        }
    }

    #[test]
    fn a_bad_deadline_reads_in_chinese_then_english() {
        let message = Deadline::parse("2021/12/31")
            .expect_err("refused")
            .to_string();
        assert!(
            message.starts_with("截止日期应为") && message.contains("(deadline must"),
            "{message}"
        );
    }
}
