//! The unified social credit code (统一社会信用代码) of GB 32100-2015.
//!
//! A [`CreditCode`] can only be obtained by parsing, so holding one means its 18 characters are
//! all from the standard's alphabet and its check character is right.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The 31 characters a credit code may contain; a character's value is its index here.
const ALPHABET: [char; 31] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J',
    'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'T', 'U', 'W', 'X', 'Y',
];

/// Weights of the first 17 characters in the check-character sum (GB 32100-2015 §5).
const WEIGHTS: [usize; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Number of characters in a credit code.
pub const CREDIT_CODE_LENGTH: usize = 18;

/// A unified social credit code whose length, alphabet and check character are valid.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct CreditCode(String);

/// Why a string is not a valid credit code.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CreditCodeError {
    /// The code (after trimming) does not have 18 characters.
    #[error(
        "统一社会信用代码应为18位，实际为{found}位 (credit code must have 18 characters, found {found})"
    )]
    WrongLength {
        /// Number of characters found.
        found: usize,
    },
    /// A character is not in the alphabet (I, O, S, V and Z never occur in a credit code).
    #[error(
        "统一社会信用代码第{position}位字符“{character}”不合法 (character '{character}' at position {position} is not allowed in a credit code)"
    )]
    CharacterOutsideAlphabet {
        /// 1-based position of the character.
        position: usize,
        /// The offending character.
        character: char,
    },
    /// The 18th character does not match the first 17.
    #[error(
        "统一社会信用代码校验位错误，应为{expected}，实际为{found} (credit code check character is wrong: expected {expected}, found {found})"
    )]
    WrongCheckCharacter {
        /// The check character the first 17 characters call for.
        expected: char,
        /// The check character given.
        found: char,
    },
}

impl CreditCode {
    /// Parses a credit code; surrounding whitespace is trimmed and letters are upper-cased first.
    pub fn parse(input: &str) -> Result<CreditCode, CreditCodeError> {
        let normalized = normalize(input);
        let values = alphabet_values(&normalized, CREDIT_CODE_LENGTH)?;
        let expected = check_character(&values[..CREDIT_CODE_LENGTH - 1]);
        let found = ALPHABET[values[CREDIT_CODE_LENGTH - 1]];
        if expected != found {
            return Err(CreditCodeError::WrongCheckCharacter { expected, found });
        }
        Ok(CreditCode(normalized))
    }

    /// Completes the first 17 characters of a code with their check character.
    ///
    /// Returns `None` if `first17` (trimmed, upper-cased) is not 17 characters of the alphabet.
    /// Meant for generating demo data.
    pub fn with_check_character(first17: &str) -> Option<CreditCode> {
        let mut normalized = normalize(first17);
        let values = alphabet_values(&normalized, CREDIT_CODE_LENGTH - 1).ok()?;
        normalized.push(check_character(&values));
        Some(CreditCode(normalized))
    }

    /// The code as its 18 upper-case characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Trims surrounding whitespace and upper-cases.
fn normalize(input: &str) -> String {
    input.trim().to_uppercase()
}

/// The alphabet value of every character, after checking there are exactly `length` of them.
fn alphabet_values(code: &str, length: usize) -> Result<Vec<usize>, CreditCodeError> {
    let found = code.chars().count();
    if found != length {
        return Err(CreditCodeError::WrongLength { found });
    }
    code.chars()
        .enumerate()
        .map(|(index, character)| {
            ALPHABET
                .iter()
                .position(|&allowed| allowed == character)
                .ok_or(CreditCodeError::CharacterOutsideAlphabet {
                    position: index + 1,
                    character,
                })
        })
        .collect()
}

/// The check character for the values of the first 17 characters.
fn check_character(values: &[usize]) -> char {
    let sum: usize = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let modulus = ALPHABET.len();
    let check = (modulus - sum % modulus) % modulus;
    ALPHABET[check]
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for CreditCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for CreditCode {
    type Err = CreditCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CreditCode::parse(s)
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        CreditCode::parse(&value)
    }
}

impl From<CreditCode> for String {
    fn from(code: CreditCode) -> String {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_are_accepted() {
        let cases = [
            ("91350100M000100Y43", "commonly cited example code"),
            ("91110000802100433B", "commonly cited example code"),
            ("91440300708461136T", "a Shenzhen company's published code"),
        ];
        for (input, why) in cases {
            let code = CreditCode::parse(input);
            assert_eq!(
                code.as_ref().map(CreditCode::as_str),
                Ok(input),
                "{input}: {why}"
            );
        }
    }

    #[test]
    fn lower_case_and_surrounding_spaces_are_normalised() {
        let cases = [
            (" 91350100m000100y43 ", "spaces and lower case"),
            (
                "\t91110000802100433b\n",
                "tab, newline and lower-case check character",
            ),
        ];
        for (input, why) in cases {
            let code = CreditCode::parse(input);
            assert!(code.is_ok(), "{why}: {input:?} gave {code:?}");
        }
        let code = CreditCode::parse(" 91350100m000100y43 ").expect("valid code");
        assert_eq!(
            code.as_str(),
            "91350100M000100Y43",
            "stored upper-case and trimmed"
        );
    }

    #[test]
    fn wrong_check_character_names_the_expected_one() {
        let cases = [
            ("91350100M000100Y44", '3', '4'),
            ("91110000802100433A", 'B', 'A'),
        ];
        for (input, expected, found) in cases {
            assert_eq!(
                CreditCode::parse(input),
                Err(CreditCodeError::WrongCheckCharacter { expected, found }),
                "{input}"
            );
        }
    }

    #[test]
    fn wrong_lengths_are_refused_with_the_length_found() {
        let cases = [
            ("91350100M000100Y4", 17, "one character short"),
            ("91350100M000100Y433", 19, "one character too many"),
            ("", 0, "empty"),
            ("   ", 0, "only spaces"),
        ];
        for (input, found, why) in cases {
            assert_eq!(
                CreditCode::parse(input),
                Err(CreditCodeError::WrongLength { found }),
                "{why}"
            );
        }
    }

    #[test]
    fn letters_outside_the_alphabet_are_refused_with_their_position() {
        let cases = [
            ("I1350100M000100Y43", 1, 'I'),
            ("9O350100M000100Y43", 2, 'O'),
            ("91350100S000100Y43", 9, 'S'),
            ("91350100M000100V43", 16, 'V'),
            ("91350100M000100Y4Z", 18, 'Z'),
            ("91350100m000100y4z", 18, 'Z'),
            ("91350100M00010-Y43", 15, '-'),
        ];
        for (input, position, character) in cases {
            assert_eq!(
                CreditCode::parse(input),
                Err(CreditCodeError::CharacterOutsideAlphabet {
                    position,
                    character
                }),
                "{input}"
            );
        }
    }

    #[test]
    fn with_check_character_completes_a_valid_code() {
        let cases = [
            ("91350100M000100Y4", Some("91350100M000100Y43")),
            ("91110000802100433", Some("91110000802100433B")),
            ("92230826ma1b2c3d4", Some("92230826MA1B2C3D4")),
            ("9135010", None),
            ("91350100M000100I4", None),
        ];
        for (first17, prefix) in cases {
            let code = CreditCode::with_check_character(first17);
            assert_eq!(
                code.as_ref().map(|c| &c.as_str()[..17]),
                prefix.map(|p| &p[..17]),
                "{first17}"
            );
            if let Some(code) = code {
                assert_eq!(
                    CreditCode::parse(code.as_str()).as_ref(),
                    Ok(&code),
                    "{first17}: completed code parses"
                );
            }
        }
    }

    #[test]
    fn serde_round_trips_as_a_string_and_refuses_bad_codes() {
        let code = CreditCode::parse("91350100M000100Y43").expect("valid code");
        let json = serde_json::to_string(&code).expect("serialises");
        assert_eq!(
            json, "\"91350100M000100Y43\"",
            "serialised as a plain string"
        );
        let back: CreditCode = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, code, "round trip");
        let bad = serde_json::from_str::<CreditCode>("\"91350100M000100Y44\"");
        assert!(bad.is_err(), "wrong check character refused on deserialise");
    }

    #[test]
    fn errors_read_in_chinese_then_english() {
        let message = CreditCodeError::WrongCheckCharacter {
            expected: '3',
            found: '4',
        }
        .to_string();
        assert!(
            message.starts_with("统一社会信用代码校验位错误") && message.contains("(credit code"),
            "{message}"
        );
    }
}
