//! Rebound suspicion from a cut power meter: a meter whose supply is cut should not move, so
//! consumption since the cut beyond a small tolerance suggests the workshop is running again
//! (reconnected, or on a bypass).

use chrono::{DateTime, Utc};
use thiserror::Error;

use rectify_campaign::Decimal3;

/// Consumption since a cut tolerated before a rebound is suspected: 5 kWh.
///
/// It absorbs misreadings and a meter's own drift; a small workshop's machines draw more than that
/// within hours. It is to become a campaign setting; until then this constant is the one place.
pub const REBOUND_TOLERANCE: Decimal3 = Decimal3::from_units(5);

/// A reading below the one recorded at the cut.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error(
    "读数{reading}低于断电时的读数{at_cut}：电表可能已更换或读错，请核实后重新报送 \
     (reading {reading} is below the reading at the cut, {at_cut}: the meter may have been \
     replaced or misread; check it and submit again)"
)]
pub struct ReadingBelowCut {
    /// The reading recorded at the cut.
    pub at_cut: Decimal3,
    /// The reading submitted.
    pub reading: Decimal3,
}

/// kWh used between the cut and `reading`.
///
/// A reading below the cut reading cannot come from the same meter counting on: the meter was
/// replaced, rolled over or misread. It is refused rather than guessed at, so the power company
/// checks and records the facts (a replaced meter needs a new cut record).
pub fn consumption_since_cut(
    at_cut: Decimal3,
    reading: Decimal3,
) -> Result<Decimal3, ReadingBelowCut> {
    reading
        .checked_sub(at_cut)
        .ok_or(ReadingBelowCut { at_cut, reading })
}

/// Whether `consumption` since the cut exceeds `tolerance`.
pub fn is_rebound_suspected(consumption: Decimal3, tolerance: Decimal3) -> bool {
    consumption > tolerance
}

/// Why a reading cannot be assessed against its cut.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ReadingError {
    /// Read before the supply was cut.
    #[error("抄表时间早于断电时间 (the meter was read before the power was cut)")]
    ReadBeforeCut,
    /// Below the reading at the cut.
    #[error(transparent)]
    BelowCut(#[from] ReadingBelowCut),
}

impl ReadingError {
    /// The request field at fault: `read_at` or `reading`.
    pub fn field(&self) -> &'static str {
        match self {
            ReadingError::ReadBeforeCut => "read_at",
            ReadingError::BelowCut(_) => "reading",
        }
    }
}

/// What a reading of a cut meter shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// kWh used since the cut.
    pub consumption: Decimal3,
    /// The consumption exceeds the tolerance.
    pub suspected: bool,
}

/// Assesses `reading`, read at `read_at`, against the cut at `cut_at` with `at_cut` on the meter.
pub fn assess_reading(
    at_cut: Decimal3,
    cut_at: DateTime<Utc>,
    reading: Decimal3,
    read_at: DateTime<Utc>,
    tolerance: Decimal3,
) -> Result<Assessment, ReadingError> {
    if read_at < cut_at {
        return Err(ReadingError::ReadBeforeCut);
    }
    let consumption = consumption_since_cut(at_cut, reading)?;
    Ok(Assessment {
        consumption,
        suspected: is_rebound_suspected(consumption, tolerance),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kwh(text: &str) -> Decimal3 {
        Decimal3::parse(text).expect("valid test reading")
    }

    #[test]
    fn consumption_beyond_the_tolerance_raises_suspicion() {
        // (reading at cut, reading, consumption, suspected)
        let cases = [
            ("48211.3", "48211.3", "0", false, "meter still"),
            ("48211.3", "48213.9", "2.6", false, "drift within tolerance"),
            ("48211.3", "48216.3", "5", false, "exactly the tolerance"),
            ("48211.3", "48216.301", "5.001", true, "just over"),
            ("48211.3", "48611.3", "400", true, "running again"),
        ];
        for (at_cut, reading, consumption, suspected, why) in cases {
            let used = consumption_since_cut(kwh(at_cut), kwh(reading)).expect(why);
            assert_eq!(used, kwh(consumption), "{why}");
            assert_eq!(
                is_rebound_suspected(used, REBOUND_TOLERANCE),
                suspected,
                "{why}"
            );
        }
    }

    #[test]
    fn a_reading_below_the_cut_is_refused_with_a_clear_message() {
        let error = consumption_since_cut(kwh("48211.3"), kwh("120.5")).expect_err("below the cut");
        assert_eq!(
            error,
            ReadingBelowCut {
                at_cut: kwh("48211.3"),
                reading: kwh("120.5")
            }
        );
        let message = error.to_string();
        assert!(
            message.starts_with("读数120.5低于断电时的读数48211.3")
                && message.contains("replaced or misread"),
            "{message}"
        );
    }

    #[test]
    fn readings_are_assessed_against_their_cut() {
        let cut_at = DateTime::parse_from_rfc3339("2021-09-01T10:00:00+08:00")
            .expect("valid instant")
            .with_timezone(&Utc);
        let later = cut_at + chrono::Duration::days(30);
        let earlier = cut_at - chrono::Duration::hours(1);
        let cases = [
            (later, "48211.3", Ok((kwh("0"), false)), "meter still"),
            (later, "48300", Ok((kwh("88.7"), true)), "running again"),
            (earlier, "48211.3", Err("read_at"), "read before the cut"),
            (later, "100", Err("reading"), "below the cut reading"),
        ];
        for (read_at, reading, expected, why) in cases {
            let result = assess_reading(
                kwh("48211.3"),
                cut_at,
                kwh(reading),
                read_at,
                REBOUND_TOLERANCE,
            );
            let result = result
                .map(|a| (a.consumption, a.suspected))
                .map_err(|e| e.field());
            assert_eq!(result, expected, "{why}");
        }
    }

    #[test]
    fn the_tolerance_is_five_kwh() {
        assert_eq!(REBOUND_TOLERANCE.to_string(), "5");
    }
}
