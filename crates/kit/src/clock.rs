//! The one clock (DESIGN §7): overdue, days left, "dated in the future" and patrol due dates all
//! read the same [`Clock`], which tests and the demo can set.
//!
//! A [`Clock`] is a cheap handle: clones share one setting, so a test (or the demo launcher) that
//! holds one handle can move the time every service built from a clone of it sees.
//! Campaign dates are dates in China Standard Time ([`cst`], UTC+8), whatever the host's zone.

use std::fmt;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

/// The instant written as RFC 3339 in code (`2021-10-15T09:00:00+08:00`): a test's or the demo's
/// moment. Panics on a malformed literal, which is a mistake in the code, not in any input.
pub fn instant(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .unwrap_or_else(|e| panic!("{rfc3339:?} is not an RFC 3339 instant: {e}"))
        .with_timezone(&Utc)
}

/// China Standard Time, UTC+8, the time zone of every campaign date (no daylight saving).
pub fn cst() -> FixedOffset {
    const EIGHT_HOURS: i32 = 8 * 3600;
    FixedOffset::east_opt(EIGHT_HOURS).unwrap_or_else(|| unreachable!("UTC+8 is a valid offset"))
}

/// The calendar date in China Standard Time at the instant `at`.
pub fn date_cst(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&cst()).date_naive()
}

/// The first instant (00:00 CST) of `date` in China Standard Time.
pub fn start_of_day_cst(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    (midnight - Duration::hours(8)).and_utc()
}

/// Where a clock's time comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// The host's time, shifted by an offset (zero for the plain system clock).
    Shifted(Duration),
    /// Always the same instant, until set or advanced.
    Fixed(DateTime<Utc>),
}

/// A source of "now", shared by everything in a process that needs the time.
///
/// Cheap to clone; clones share the setting, so [`Clock::set`] and [`Clock::advance`] on one
/// handle move every clone.
#[derive(Clone)]
pub struct Clock {
    mode: Arc<RwLock<Mode>>,
}

impl Clock {
    fn with(mode: Mode) -> Clock {
        Clock {
            mode: Arc::new(RwLock::new(mode)),
        }
    }

    /// The host's clock: what production uses.
    pub fn system() -> Clock {
        Clock::with(Mode::Shifted(Duration::zero()))
    }

    /// A clock that always reads `at` until set or advanced: what tests use.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock::with(Mode::Fixed(at))
    }

    /// The host's clock shifted by `offset` (negative for the past); time still flows.
    pub fn offset(offset: Duration) -> Clock {
        Clock::with(Mode::Shifted(offset))
    }

    /// A flowing clock that reads `at` now: a demo running on a date inside the campaign.
    pub fn starting_at(at: DateTime<Utc>) -> Clock {
        Clock::offset(at - Utc::now())
    }

    fn mode(&self) -> Mode {
        // The lock guards a plain value written whole, so a poisoned lock still holds a valid one.
        *self
            .mode
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn set_mode(&self, update: impl FnOnce(Mode) -> Mode) {
        let mut mode = self
            .mode
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *mode = update(*mode);
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match self.mode() {
            Mode::Shifted(offset) => Utc::now() + offset,
            Mode::Fixed(at) => at,
        }
    }

    /// Today's date in China Standard Time.
    pub fn today_cst(&self) -> NaiveDate {
        date_cst(self.now())
    }

    /// Fixes this clock and all its clones at `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        self.set_mode(|_| Mode::Fixed(at));
    }

    /// Moves this clock and all its clones forward by `by` (backward if negative); a flowing
    /// clock keeps flowing from the new time.
    pub fn advance(&self, by: Duration) {
        self.set_mode(|mode| match mode {
            Mode::Shifted(offset) => Mode::Shifted(offset + by),
            Mode::Fixed(at) => Mode::Fixed(at + by),
        });
    }
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mode() {
            Mode::Shifted(offset) if offset.is_zero() => f.write_str("Clock::system()"),
            Mode::Shifted(offset) => write!(f, "Clock::offset({offset})"),
            Mode::Fixed(at) => write!(f, "Clock::fixed({})", at.to_rfc3339()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::instant as at;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("valid test date")
    }

    #[test]
    fn a_fixed_clock_reads_the_same_instant_every_time() {
        let clock = Clock::fixed(at("2021-10-15T01:00:00Z"));
        assert_eq!(clock.now(), at("2021-10-15T01:00:00Z"), "first read");
        assert_eq!(clock.now(), at("2021-10-15T01:00:00Z"), "second read");
    }

    #[test]
    fn today_is_the_date_in_china_standard_time() {
        let cases = [
            (
                "2021-12-31T15:59:59Z",
                "2021-12-31",
                "23:59:59 CST on new year's eve",
            ),
            (
                "2021-12-31T16:00:00Z",
                "2022-01-01",
                "midnight CST is 16:00 UTC",
            ),
            (
                "2021-07-24T23:30:00Z",
                "2021-07-25",
                "07:30 CST the next morning",
            ),
            ("2021-07-25T00:00:00+08:00", "2021-07-25", "given in CST"),
        ];
        for (instant, expected, why) in cases {
            assert_eq!(
                Clock::fixed(at(instant)).today_cst(),
                date(expected),
                "{why}"
            );
        }
    }

    #[test]
    fn the_start_of_a_cst_day_is_four_pm_utc_the_day_before() {
        let cases = [
            ("2022-01-01", "2021-12-31T16:00:00Z"),
            ("2021-07-25", "2021-07-24T16:00:00Z"),
        ];
        for (day, expected) in cases {
            assert_eq!(start_of_day_cst(date(day)), at(expected), "{day}");
            assert_eq!(
                date_cst(start_of_day_cst(date(day))),
                date(day),
                "{day} round trip"
            );
        }
    }

    #[test]
    fn clones_share_set_and_advance() {
        let clock = Clock::fixed(at("2021-08-01T00:00:00Z"));
        let service_view = clock.clone();
        clock.advance(Duration::days(30));
        assert_eq!(
            service_view.now(),
            at("2021-08-31T00:00:00Z"),
            "advanced through a clone"
        );
        clock.set(at("2022-01-01T00:00:00Z"));
        assert_eq!(
            service_view.now(),
            at("2022-01-01T00:00:00Z"),
            "set through a clone"
        );
    }

    #[test]
    fn an_offset_clock_keeps_flowing_shifted_from_the_host() {
        let clock = Clock::offset(Duration::days(-1000));
        let before = Utc::now() - Duration::days(1000);
        let read = clock.now();
        let after = Utc::now() - Duration::days(1000);
        assert!(
            before <= read && read <= after,
            "{before} <= {read} <= {after}"
        );
    }

    #[test]
    fn a_clock_starting_at_a_campaign_date_reads_that_date_now() {
        let start = at("2021-10-15T09:00:00+08:00");
        let clock = Clock::starting_at(start);
        let drift = clock.now() - start;
        assert!(
            drift >= Duration::zero() && drift < Duration::minutes(1),
            "reads the start time, then flows: drift {drift}"
        );
        assert_eq!(clock.today_cst(), date("2021-10-15"), "on the demo's date");
    }

    #[test]
    fn advancing_a_flowing_clock_shifts_it_further() {
        let clock = Clock::system();
        clock.advance(Duration::days(2));
        let expected = Utc::now() + Duration::days(2);
        let drift = (clock.now() - expected).num_seconds().abs();
        assert!(drift < 60, "two days ahead of the host, drift {drift}s");
    }

    #[test]
    fn the_system_clock_is_close_to_the_host() {
        let drift = (Clock::system().now() - Utc::now()).num_seconds().abs();
        assert!(drift < 60, "drift {drift}s");
        assert_eq!(
            format!("{:?}", Clock::default()),
            "Clock::system()",
            "default"
        );
    }
}
