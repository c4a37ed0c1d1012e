//! A measured value or a limit: a non-negative decimal with at most three decimals, kept as
//! integer thousandths so that comparing a value with its limit is exact.

use std::fmt;

use rectify_proto::environment::v1 as pb;

/// Thousandths of a unit, never negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Measure(i64);

/// Why a decimal string is not a measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeasureError {
    Missing,
    Negative,
    NotNumeric,
    TooPrecise,
    TooLarge,
}

impl fmt::Display for MeasureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Missing => "必须填写 (is required)",
            Self::Negative => "不能为负数 (must not be negative)",
            Self::NotNumeric => "应为十进制数字，如 12.5 (must be a decimal number such as 12.5)",
            Self::TooPrecise => "最多三位小数 (at most three decimals)",
            Self::TooLarge => "数值过大 (too large)",
        })
    }
}

impl Measure {
    /// Parses `12`, `12.5`, `0.125`; refuses signs, exponents, separators and blanks.
    pub fn parse(text: &str) -> Result<Measure, MeasureError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(MeasureError::Missing);
        }
        if text.starts_with('-') {
            return Err(MeasureError::Negative);
        }
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || (text.ends_with('.')) {
            return Err(MeasureError::NotNumeric);
        }
        if fraction.len() > 3 {
            return Err(MeasureError::TooPrecise);
        }
        let whole: i64 = whole.parse().map_err(|_| MeasureError::TooLarge)?;
        let fraction: i64 = format!("{fraction:0<3}")
            .parse()
            .map_err(|_| MeasureError::NotNumeric)?;
        whole
            .checked_mul(1000)
            .and_then(|w| w.checked_add(fraction))
            .map(Measure)
            .ok_or(MeasureError::TooLarge)
    }

    /// From stored thousandths.
    pub fn from_thousandths(thousandths: i64) -> Option<Measure> {
        (thousandths >= 0).then_some(Measure(thousandths))
    }

    pub fn thousandths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Measure {
    /// The shortest decimal: `12.5`, `3`, `0.125`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 1000, self.0 % 1000);
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        let fraction = format!("{fraction:03}");
        write!(f, "{whole}.{}", fraction.trim_end_matches('0'))
    }
}

/// The unit a value and its limit are given in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    MgPerL,
    MgPerM3,
    DbA,
}

impl Unit {
    /// The unit of the API's enum; `None` for unspecified or unknown values.
    pub fn from_proto(value: i32) -> Option<Unit> {
        match pb::Unit::try_from(value).ok()? {
            pb::Unit::MgPerL => Some(Unit::MgPerL),
            pb::Unit::MgPerM3 => Some(Unit::MgPerM3),
            pb::Unit::Dba => Some(Unit::DbA),
            pb::Unit::Unspecified => None,
        }
    }

    pub fn to_proto(self) -> pb::Unit {
        match self {
            Unit::MgPerL => pb::Unit::MgPerL,
            Unit::MgPerM3 => pb::Unit::MgPerM3,
            Unit::DbA => pb::Unit::Dba,
        }
    }

    /// The stored code, the API enum's name.
    pub fn code(self) -> &'static str {
        self.to_proto().as_str_name()
    }

    pub fn from_code(code: &str) -> Option<Unit> {
        pb::Unit::from_str_name(code).and_then(|u| Unit::from_proto(u as i32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly_and_bad_ones_say_why() {
        let good = [
            ("12", 12_000),
            ("12.5", 12_500),
            ("0.125", 125),
            (" 7.0 ", 7_000),
        ];
        for (text, thousandths) in good {
            assert_eq!(
                Measure::parse(text).map(Measure::thousandths),
                Ok(thousandths),
                "{text}"
            );
        }
        let bad = [
            ("", MeasureError::Missing),
            ("-1", MeasureError::Negative),
            ("abc", MeasureError::NotNumeric),
            ("1e3", MeasureError::NotNumeric),
            ("1,000", MeasureError::NotNumeric),
            ("+3", MeasureError::NotNumeric),
            (".5", MeasureError::NotNumeric),
            ("5.", MeasureError::NotNumeric),
            ("1.2345", MeasureError::TooPrecise),
            ("99999999999999999999", MeasureError::TooLarge),
        ];
        for (text, error) in bad {
            assert_eq!(Measure::parse(text), Err(error), "{text:?}");
        }
    }

    #[test]
    fn measures_print_as_the_shortest_decimal() {
        for text in ["12", "12.5", "0.125", "0"] {
            let measure = Measure::parse(text).expect("valid");
            assert_eq!(measure.to_string(), text);
        }
    }

    #[test]
    fn units_round_trip_through_their_codes() {
        for unit in [Unit::MgPerL, Unit::MgPerM3, Unit::DbA] {
            assert_eq!(Unit::from_code(unit.code()), Some(unit));
        }
        assert_eq!(Unit::from_proto(0), None, "unspecified");
        assert_eq!(Unit::from_proto(99), None, "unknown");
    }
}
