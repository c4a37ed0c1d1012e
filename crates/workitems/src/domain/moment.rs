//! Instants callers report (a photo taken, a cut executed, a meter read): they have happened, so
//! they are not in the future per the one clock.
//!
//! Bureau systems and phones keep their own time, a little off from the server's; an instant up
//! to [`CLOCK_SKEW_ALLOWANCE`] ahead of the clock is taken as skew, not as the future.

use chrono::{DateTime, Duration, Utc};
use prost_types::Timestamp;
use thiserror::Error;

/// How far ahead of the clock a reported instant may be and still count as past (device skew).
pub const CLOCK_SKEW_ALLOWANCE: Duration = Duration::minutes(5);

/// Why a reported instant is not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MomentError {
    /// The timestamp is required.
    #[error("时间不能为空 (a time is required)")]
    Missing,
    /// Seconds or nanoseconds out of range.
    #[error("时间无效 (not a valid timestamp)")]
    Invalid,
    /// After now (beyond the skew allowance).
    #[error(
        "时间{at}晚于当前时间{now}，不能是将来的时间 (the time {at} is in the future; now is {now})"
    )]
    InFuture {
        /// The instant given, in CST as RFC 3339.
        at: String,
        /// The clock's now, in CST as RFC 3339.
        now: String,
    },
}

/// The instant a protobuf timestamp stands for, or `None` if it is out of range.
pub fn from_timestamp(timestamp: &Timestamp) -> Option<DateTime<Utc>> {
    let nanos = u32::try_from(timestamp.nanos).ok()?;
    DateTime::from_timestamp(timestamp.seconds, nanos)
}

/// The protobuf timestamp of an instant.
pub fn to_timestamp(at: DateTime<Utc>) -> Timestamp {
    Timestamp {
        seconds: at.timestamp(),
        // Always below one billion, so it fits.
        nanos: i32::try_from(at.timestamp_subsec_nanos()).unwrap_or(0),
    }
}

/// A required instant that has happened by `now`, allowing [`CLOCK_SKEW_ALLOWANCE`].
pub fn parse_past(
    timestamp: Option<&Timestamp>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, MomentError> {
    let timestamp = timestamp.ok_or(MomentError::Missing)?;
    let at = from_timestamp(timestamp).ok_or(MomentError::Invalid)?;
    check_past(at, now)
}

/// `at`, when it has happened by `now`, allowing [`CLOCK_SKEW_ALLOWANCE`].
pub fn check_past(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<DateTime<Utc>, MomentError> {
    if at > now + CLOCK_SKEW_ALLOWANCE {
        let cst = rectify_kit::clock::cst();
        return Err(MomentError::InFuture {
            at: at.with_timezone(&cst).to_rfc3339(),
            now: now.with_timezone(&cst).to_rfc3339(),
        });
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    use rectify_kit::clock::instant as at;

    #[test]
    fn past_and_slightly_skewed_instants_are_accepted_future_ones_refused() {
        let now = at("2021-10-15T02:00:00Z");
        let cases = [
            ("2021-10-15T01:59:59Z", true, "a second ago"),
            ("2021-08-01T00:00:00Z", true, "months ago"),
            ("2021-10-15T02:00:00Z", true, "exactly now"),
            ("2021-10-15T02:04:59Z", true, "within the skew allowance"),
            ("2021-10-15T02:05:00Z", true, "at the edge of the allowance"),
            ("2021-10-15T02:05:01Z", false, "just beyond the allowance"),
            ("2021-10-16T02:00:00Z", false, "tomorrow"),
        ];
        for (instant, ok, why) in cases {
            let parsed = parse_past(Some(&to_timestamp(at(instant))), now);
            assert_eq!(parsed.is_ok(), ok, "{why}: {parsed:?}");
        }
    }

    #[test]
    fn missing_and_out_of_range_timestamps_are_refused() {
        let now = at("2021-10-15T02:00:00Z");
        let cases = [
            (None, MomentError::Missing, "missing"),
            (
                Some(Timestamp {
                    seconds: 0,
                    nanos: -1,
                }),
                MomentError::Invalid,
                "negative nanos",
            ),
            (
                Some(Timestamp {
                    seconds: i64::MAX,
                    nanos: 0,
                }),
                MomentError::Invalid,
                "seconds beyond any date",
            ),
        ];
        for (timestamp, expected, why) in cases {
            assert_eq!(parse_past(timestamp.as_ref(), now), Err(expected), "{why}");
        }
    }

    #[test]
    fn a_future_instant_is_named_in_cst() {
        let error = check_past(at("2021-10-16T00:00:00Z"), at("2021-10-15T00:00:00Z"))
            .expect_err("future refused");
        assert_eq!(
            error.to_string(),
            "时间2021-10-16T08:00:00+08:00晚于当前时间2021-10-15T08:00:00+08:00，不能是将来的时间 \
             (the time 2021-10-16T08:00:00+08:00 is in the future; now is 2021-10-15T08:00:00+08:00)"
        );
    }

    #[test]
    fn timestamps_round_trip() {
        let instant = at("2021-10-15T02:00:00.123456789Z");
        assert_eq!(from_timestamp(&to_timestamp(instant)), Some(instant));
    }
}
