//! Areas in square metres (a plot, a demolished floor area): exact decimals with at most three
//! decimals, greater than zero, sent as strings such as `3200.5`.

use std::fmt;

use rectify_campaign::{Decimal3, DecimalError};
use thiserror::Error;

/// An area in m², greater than zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Area(Decimal3);

/// Why an area is not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AreaError {
    /// Not a non-negative decimal (empty, negative, not a number, …).
    #[error(transparent)]
    Decimal(#[from] DecimalError),
    /// Zero.
    #[error("面积必须大于0 (an area must be greater than zero)")]
    Zero,
}

impl Area {
    /// Parses a decimal number of square metres greater than zero.
    pub fn parse(input: &str) -> Result<Area, AreaError> {
        let value = Decimal3::parse(input)?;
        if value.is_zero() {
            return Err(AreaError::Zero);
        }
        Ok(Area(value))
    }

    /// The area as an exact decimal, e.g. for storing.
    pub fn value(self) -> Decimal3 {
        self.0
    }

    /// An area read back from storage; `None` for zero, which was never stored.
    pub fn stored(value: Decimal3) -> Option<Area> {
        (!value.is_zero()).then_some(Area(value))
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_positive_decimals() {
        let cases = [
            ("3200.5", Some("3200.5")),
            (" 12 ", Some("12")),
            ("0.001", Some("0.001")),
            ("0", None),
            ("0.000", None),
            ("-5", None),
            ("abc", None),
            ("", None),
            ("1e3", None),
            ("1.2345", None),
        ];
        for (input, expected) in cases {
            let parsed = Area::parse(input).ok().map(|a| a.to_string());
            assert_eq!(parsed.as_deref(), expected, "{input:?}");
        }
    }

    #[test]
    fn zero_and_negative_say_what_is_wrong() {
        assert_eq!(Area::parse("0"), Err(AreaError::Zero), "zero");
        assert!(
            matches!(
                Area::parse("-3"),
                Err(AreaError::Decimal(DecimalError::Negative(_)))
            ),
            "negative"
        );
        assert_eq!(Area::stored(Decimal3::ZERO), None, "zero is never stored");
    }
}
