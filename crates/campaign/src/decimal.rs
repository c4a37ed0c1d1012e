//! Exact non-negative decimals with at most three decimals: meter readings (kWh), inventory
//! quantities and areas (m²), which bureaus send as strings such as `12345.6`.
//!
//! A [`Decimal3`] holds the number as an integer count of thousandths. That is exact (no binary
//! floating point), needs no decimal library, and stores as a plain 64-bit integer on both
//! PostgreSQL and SQLite (which has no decimal type). Three decimals is what an electricity meter
//! shows (0.001 kWh at most) and more than any inventory needs.

use std::fmt;

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// Decimals kept.
const SCALE: u64 = 1000;

/// The largest value accepted: 10¹² (a meter shows at most 10 digits before the point).
const MAX_UNITS: u64 = 1_000_000_000_000;

/// A non-negative decimal number with at most three decimals, held exactly in thousandths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal3(u64);

/// Why a string is not accepted as a decimal number.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DecimalError {
    /// Nothing given.
    #[error("数值不能为空 (a number is required)")]
    Empty,
    /// A minus sign.
    #[error("数值不能为负数：“{0}” (must not be negative, found {0:?})")]
    Negative(String),
    /// Written with an exponent, e.g. `1e5`.
    #[error(
        "请直接填写数字，不要使用科学计数法：“{0}” (write the digits, not exponent notation, found {0:?})"
    )]
    Exponent(String),
    /// More than three digits after the point.
    #[error("最多保留3位小数：“{0}” (at most 3 decimals, found {0:?})")]
    TooManyDecimals(String),
    /// Larger than any meter shows.
    #[error("数值过大：“{0}” (too large, found {0:?})")]
    TooLarge(String),
    /// Anything else that is not digits with an optional decimal point.
    #[error(
        "不是有效的数字，应写作如12345.6：“{0}” (not a number, write it like 12345.6, found {0:?})"
    )]
    NotANumber(String),
}

impl Decimal3 {
    /// Zero.
    pub const ZERO: Decimal3 = Decimal3(0);

    /// The number `thousandths` / 1000.
    pub const fn from_thousandths(thousandths: u64) -> Decimal3 {
        Decimal3(thousandths)
    }

    /// The whole number `units`.
    pub const fn from_units(units: u64) -> Decimal3 {
        Decimal3(units * SCALE)
    }

    /// Parses `digits[.digits]` with at most three decimals; surrounding whitespace is trimmed and
    /// full-width digits are read as digits. No sign, exponent or thousands separator.
    pub fn parse(input: &str) -> Result<Decimal3, DecimalError> {
        let normalised: String = input.nfkc().collect();
        let text = normalised.trim();
        let given = || text.to_owned();
        if text.is_empty() {
            return Err(DecimalError::Empty);
        }
        if let Some(magnitude) = text.strip_prefix('-')
            && Decimal3::parse(magnitude).is_ok()
        {
            return Err(DecimalError::Negative(given()));
        }
        let (whole, fraction) = match text.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (text, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) || fraction.is_some_and(|f| !all_digits(f)) {
            let looks_exponent = text.starts_with(|c: char| c.is_ascii_digit())
                && text.contains(['e', 'E'])
                && text
                    .replace(['e', 'E', '.', '+', '-'], "")
                    .bytes()
                    .all(|b| b.is_ascii_digit());
            return Err(if looks_exponent {
                DecimalError::Exponent(given())
            } else {
                DecimalError::NotANumber(given())
            });
        }
        let fraction = fraction.unwrap_or("");
        if fraction.len() > 3 {
            return Err(DecimalError::TooManyDecimals(given()));
        }
        let whole = whole.trim_start_matches('0');
        let units: u64 = if whole.is_empty() {
            0
        } else if whole.len() > 13 {
            return Err(DecimalError::TooLarge(given()));
        } else {
            whole
                .parse()
                .map_err(|_| DecimalError::NotANumber(given()))?
        };
        let padded = format!("{fraction:0<3}");
        let thousandths: u64 = padded
            .parse()
            .map_err(|_| DecimalError::NotANumber(given()))?;
        if units > MAX_UNITS || (units == MAX_UNITS && thousandths > 0) {
            return Err(DecimalError::TooLarge(given()));
        }
        Ok(Decimal3(units * SCALE + thousandths))
    }

    /// The number of thousandths: the stored form.
    pub const fn thousandths(self) -> u64 {
        self.0
    }

    /// `self - other`, or `None` when `other` is larger.
    pub fn checked_sub(self, other: Decimal3) -> Option<Decimal3> {
        self.0.checked_sub(other.0).map(Decimal3)
    }

    /// True for zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

/// Written as digits with up to three decimals, trailing zeros dropped: `12345.6`, `0`, `5`.
impl fmt::Display for Decimal3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (units, thousandths) = (self.0 / SCALE, self.0 % SCALE);
        if thousandths == 0 {
            write!(f, "{units}")
        } else {
            let fraction = format!("{thousandths:03}");
            write!(f, "{units}.{}", fraction.trim_end_matches('0'))
        }
    }
}

/// A [`Decimal3`] is stored as its count of thousandths, a 64-bit integer on both backends.
impl<DB: sqlx::Database> sqlx::Type<DB> for Decimal3
where
    i64: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <i64 as sqlx::Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <i64 as sqlx::Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for Decimal3
where
    i64: sqlx::Decode<'r, DB>,
{
    fn decode(
        value: <DB as sqlx::Database>::ValueRef<'r>,
    ) -> Result<Self, sqlx::error::BoxDynError> {
        let stored = <i64 as sqlx::Decode<'r, DB>>::decode(value)?;
        let thousandths =
            u64::try_from(stored).map_err(|_| format!("stored Decimal3 {stored} is negative"))?;
        Ok(Decimal3::from_thousandths(thousandths))
    }
}

impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for Decimal3
where
    i64: sqlx::Encode<'q, DB>,
{
    fn encode_by_ref(
        &self,
        buf: &mut <DB as sqlx::Database>::ArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        let thousandths = i64::try_from(self.thousandths())?;
        <i64 as sqlx::Encode<'q, DB>>::encode(thousandths, buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_are_read_exactly() {
        let cases = [
            ("12345.6", 12_345_600, "12345.6"),
            ("0", 0, "0"),
            ("0.001", 1, "0.001"),
            ("007.50", 7_500, "7.5"),
            (" 48211.3 ", 48_211_300, "48211.3"),
            ("１２３.４", 123_400, "123.4"),
            ("999999.999", 999_999_999, "999999.999"),
            ("1000000000000", 1_000_000_000_000_000, "1000000000000"),
        ];
        for (input, thousandths, shown) in cases {
            let value = Decimal3::parse(input).expect(input);
            assert_eq!(value.thousandths(), thousandths, "{input:?}");
            assert_eq!(value.to_string(), shown, "{input:?} shown");
            assert_eq!(Decimal3::parse(shown), Ok(value), "{input:?} round trip");
        }
    }

    #[test]
    fn bad_readings_are_refused_each_with_its_own_message() {
        let cases = [
            ("", DecimalError::Empty),
            ("   ", DecimalError::Empty),
            ("-1", DecimalError::Negative("-1".into())),
            ("-0.5", DecimalError::Negative("-0.5".into())),
            ("1e5", DecimalError::Exponent("1e5".into())),
            ("1.2E+3", DecimalError::Exponent("1.2E+3".into())),
            ("12.3456", DecimalError::TooManyDecimals("12.3456".into())),
            ("abc", DecimalError::NotANumber("abc".into())),
            ("1,234.5", DecimalError::NotANumber("1,234.5".into())),
            ("12,5", DecimalError::NotANumber("12,5".into())),
            ("+5", DecimalError::NotANumber("+5".into())),
            (".5", DecimalError::NotANumber(".5".into())),
            ("5.", DecimalError::NotANumber("5.".into())),
            ("1.2.3", DecimalError::NotANumber("1.2.3".into())),
            ("-", DecimalError::NotANumber("-".into())),
            ("-abc", DecimalError::NotANumber("-abc".into())),
            ("e5", DecimalError::NotANumber("e5".into())),
            ("NaN", DecimalError::NotANumber("NaN".into())),
            ("12 kWh", DecimalError::NotANumber("12 kWh".into())),
            (
                "1000000000000.001",
                DecimalError::TooLarge("1000000000000.001".into()),
            ),
            (
                "99999999999999999999",
                DecimalError::TooLarge("99999999999999999999".into()),
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(Decimal3::parse(input), Err(expected), "{input:?}");
        }
    }

    #[test]
    fn messages_read_in_chinese_then_english_and_differ() {
        let messages: Vec<String> = ["", "-1", "1e5", "1.2345", "abc"]
            .iter()
            .map(|input| Decimal3::parse(input).expect_err(input).to_string())
            .collect();
        for message in &messages {
            assert!(message.contains(" ("), "Chinese then English: {message}");
        }
        let mut distinct = messages.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            messages.len(),
            "each mistake has its own message"
        );
    }

    #[test]
    fn subtraction_never_goes_below_zero() {
        let a = Decimal3::from_units(10);
        let b = Decimal3::from_thousandths(2_500);
        assert_eq!(a.checked_sub(b), Some(Decimal3::from_thousandths(7_500)));
        assert_eq!(b.checked_sub(a), None, "below zero");
    }
}
