//! The numbers on a supply: a meter's number, a seal's number, a power customer's account.
//!
//! Each is a code typed by hand or pasted from another system, and later looked up (a meter
//! reading names the account it belongs to), so it is normalised before it is kept: NFKC (a
//! full-width `１２３` from a Chinese input method becomes `123`), invisible characters
//! ([`rectify_campaign::text::is_invisible`]: zero-width spaces, control codes, ...) and whitespace
//! removed wherever they stand, ASCII letters upper-cased. What is left is printable by
//! construction, and must be non-empty and at most [`IDENTIFIER_MAX_CHARS`] characters.

use std::fmt;

use rectify_campaign::text::is_invisible;
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// Longest meter, seal or account number accepted, in characters.
pub const IDENTIFIER_MAX_CHARS: usize = 64;

/// Why a string is not a meter, seal or account number.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum IdentifierError {
    /// Nothing left after removing spaces and invisible characters.
    #[error("{what}不能为空 ({what_en} is required)")]
    Empty {
        /// Which number, in Chinese.
        what: &'static str,
        /// Which number, in English.
        what_en: &'static str,
    },
    /// Longer than allowed.
    #[error(
        "{what}不能超过{max}个字符，实际为{found}个 ({what_en} must be at most {max} characters, found {found})"
    )]
    TooLong {
        /// Which number, in Chinese.
        what: &'static str,
        /// Which number, in English.
        what_en: &'static str,
        /// The most characters accepted.
        max: usize,
        /// The characters given, after normalising.
        found: usize,
    },
}

/// Whitespace and invisible characters, all dropped from a code.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Normalises and checks a code; `what` names it in error messages.
fn normalise(
    input: &str,
    what: &'static str,
    what_en: &'static str,
) -> Result<String, IdentifierError> {
    let code: String = input
        .nfkc()
        .filter(|c| !is_blank(*c))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if code.is_empty() {
        return Err(IdentifierError::Empty { what, what_en });
    }
    let found = code.chars().count();
    if found > IDENTIFIER_MAX_CHARS {
        return Err(IdentifierError::TooLong {
            what,
            what_en,
            max: IDENTIFIER_MAX_CHARS,
            found,
        });
    }
    Ok(code)
}

/// A normalised code newtype with its Chinese and English names.
macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, $what:literal, $what_en:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses and normalises the code.
            pub fn parse(input: &str) -> Result<$name, IdentifierError> {
                normalise(input, $what, $what_en).map($name)
            }

            /// The normalised code.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier!(
    /// A water or power meter's number (表号).
    MeterNumber,
    "表号",
    "meter number"
);
identifier!(
    /// The number of a seal put on a valve or meter (封条编号).
    SealNumber,
    "封条编号",
    "seal number"
);
identifier!(
    /// A power customer's account at the power company (户号).
    AccountNumber,
    "户号",
    "account number"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalised_before_they_are_kept() {
        let cases = [
            ("  0231-8877 ", "0231-8877", "trimmed"),
            (
                "\u{200B}0231\u{FEFF}",
                "0231",
                "zero-width characters dropped",
            ),
            ("０２３１８８７７", "02318877", "full-width digits"),
            ("ab 12 cd", "AB12CD", "spaces dropped, letters upper-cased"),
            ("桦水封-0012", "桦水封-0012", "Chinese prefix kept"),
            ("\u{3000}SN\u{3000}42", "SN42", "ideographic spaces dropped"),
            (
                "12\u{0007}34\u{202E}",
                "1234",
                "control codes and bidi overrides dropped",
            ),
        ];
        for (input, expected, why) in cases {
            let meter = MeterNumber::parse(input).expect(why);
            assert_eq!(meter.as_str(), expected, "{why}");
        }
    }

    #[test]
    fn empty_and_long_codes_are_refused() {
        let sixty_five = "9".repeat(65);
        let cases = [
            ("", "户号不能为空 (account number is required)"),
            (
                " \u{200B}\u{3000}",
                "户号不能为空 (account number is required)",
            ),
            (
                sixty_five.as_str(),
                "户号不能超过64个字符，实际为65个 (account number must be at most 64 characters, found 65)",
            ),
        ];
        for (input, message) in cases {
            let error = AccountNumber::parse(input).expect_err(message);
            assert_eq!(error.to_string(), message, "{input:?}");
        }
        assert!(
            AccountNumber::parse(&"9".repeat(64)).is_ok(),
            "64 characters accepted"
        );
    }

    #[test]
    fn each_code_names_itself_in_errors() {
        let cases = [
            (MeterNumber::parse("").map(|_| ()), "表号"),
            (SealNumber::parse("").map(|_| ()), "封条编号"),
            (AccountNumber::parse("").map(|_| ()), "户号"),
        ];
        for (result, what) in cases {
            let message = result.expect_err(what).to_string();
            assert!(message.starts_with(what), "{message}");
        }
    }
}
