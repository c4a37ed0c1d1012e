//! Rebound suspicion from a cut power meter: a meter whose supply is cut should not move, so
//! consumption since the cut beyond a small tolerance suggests the workshop is running again
//! (reconnected, or on a bypass).

use thiserror::Error;

use super::decimal::Decimal3;

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
    fn the_tolerance_is_five_kwh() {
        assert_eq!(REBOUND_TOLERANCE.to_string(), "5");
    }
}
