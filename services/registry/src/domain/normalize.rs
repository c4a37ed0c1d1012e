//! Enterprise names and addresses: the newtypes that hold them, and the key that merges findings
//! describing the same unlicensed workshop.
//!
//! Reporters type the same workshop differently (full-width brackets, spaces, half-width digits),
//! so findings without a credit code are merged on [`merge_key`], which ignores those differences.

use std::fmt;

use rectify_campaign::text;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// The key under which findings without a credit code are merged: `name|address`, each folded.
///
/// Folding applies NFKC (full-width letters and digits become ASCII), drops whitespace,
/// punctuation and symbols (ASCII and CJK alike), and lower-cases.
pub fn merge_key(name: &str, address: &str) -> String {
    let mut key = fold(name);
    key.push('|');
    key.push_str(&fold(address));
    key
}

/// NFKC, then keeps only letters and digits (which include CJK ideographs), lower-cased.
fn fold(text: &str) -> String {
    text.nfkc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Longest enterprise name accepted, in characters.
pub const ENTERPRISE_NAME_MAX_CHARS: usize = 100;

/// Longest address accepted, in characters.
pub const ADDRESS_MAX_CHARS: usize = 200;

/// An enterprise's name (or the name locals use for an unlicensed workshop): free of invisible
/// characters, trimmed, non-empty, at most [`ENTERPRISE_NAME_MAX_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct EnterpriseName(String);

/// Why a string is not a valid enterprise name.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EnterpriseNameError {
    /// Nothing but whitespace and invisible characters.
    #[error("企业名称不能为空 (enterprise name must not be empty)")]
    Empty,
    /// Longer than allowed.
    #[error("企业名称不能超过{max}个字 (enterprise name must be at most {max} characters)")]
    TooLong {
        /// The maximum number of characters.
        max: usize,
    },
}

impl EnterpriseName {
    /// Parses a name: invisible characters (zero-width spaces, bidi controls, …) are removed
    /// wherever they stand and surrounding whitespace is trimmed ([`text::clean`]) before it is
    /// checked, so a name that shows nothing is empty.
    pub fn parse(input: &str) -> Result<EnterpriseName, EnterpriseNameError> {
        let cleaned = text::clean(input);
        if cleaned.is_empty() {
            return Err(EnterpriseNameError::Empty);
        }
        if cleaned.chars().count() > ENTERPRISE_NAME_MAX_CHARS {
            return Err(EnterpriseNameError::TooLong {
                max: ENTERPRISE_NAME_MAX_CHARS,
            });
        }
        Ok(EnterpriseName(cleaned))
    }

    /// The name as given, cleaned and trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A workshop's address: free of invisible characters, trimmed, non-empty, at most
/// [`ADDRESS_MAX_CHARS`] characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Address(String);

/// Why a string is not a valid address.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AddressError {
    /// Nothing but whitespace and invisible characters.
    #[error("地址不能为空 (address must not be empty)")]
    Empty,
    /// Longer than allowed.
    #[error("地址不能超过{max}个字 (address must be at most {max} characters)")]
    TooLong {
        /// The maximum number of characters.
        max: usize,
    },
}

impl Address {
    /// Parses an address, cleaned of invisible characters and trimmed like a name
    /// ([`text::clean`]).
    pub fn parse(input: &str) -> Result<Address, AddressError> {
        let cleaned = text::clean(input);
        if cleaned.is_empty() {
            return Err(AddressError::Empty);
        }
        if cleaned.chars().count() > ADDRESS_MAX_CHARS {
            return Err(AddressError::TooLong {
                max: ADDRESS_MAX_CHARS,
            });
        }
        Ok(Address(cleaned))
    }

    /// The address as given, cleaned and trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Display, `AsRef<str>` and the string conversions serde uses, for a text newtype.
macro_rules! text_newtype_conversions {
    ($name:ident, $error:ident) => {
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}

text_newtype_conversions!(EnterpriseName, EnterpriseNameError);
text_newtype_conversions!(Address, AddressError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_workshop_typed_differently_gets_the_same_key() {
        let cases = [
            (
                ("桦川县 悦来镇（宏达）米业", "悦来镇 新华村3组"),
                ("桦川县悦来镇(宏达)米业 ", "悦来镇新华村3组"),
                "spaces and full-width brackets",
            ),
            (
                ("ＡＢＣ木材加工厂", "东河乡１２号"),
                ("abc木材加工厂", "东河乡12号"),
                "full-width letters and digits fold to lower-case ASCII",
            ),
            (
                ("《老张》砖厂", "梨丰乡·幸福村，东头。"),
                ("老张砖厂", "梨丰乡幸福村东头"),
                "CJK book titles, middle dot, comma and full stop",
            ),
            (
                ("“利民”油坊—分厂", "星火乡、胜利村_1-2号"),
                ("利民油坊分厂", "星火乡胜利村12号"),
                "quotes, dashes, enumeration comma and underscores",
            ),
            (
                ("Hong-Da Rice Mill.", "Yuelai  Town #3"),
                ("hongda rice mill", "yuelai town 3"),
                "ASCII punctuation and symbols, case and spaces",
            ),
        ];
        for ((name_a, address_a), (name_b, address_b), why) in cases {
            assert_eq!(
                merge_key(name_a, address_a),
                merge_key(name_b, address_b),
                "{why}"
            );
        }
    }

    #[test]
    fn merge_key_joins_folded_name_and_address_with_a_bar() {
        let cases = [
            (
                "桦川县 悦来镇（宏达）米业",
                "悦来镇 新华村",
                "桦川县悦来镇宏达米业|悦来镇新华村",
            ),
            ("A|B", "C", "ab|c"),
            ("", "", "|"),
        ];
        for (name, address, expected) in cases {
            assert_eq!(merge_key(name, address), expected, "{name} / {address}");
        }
    }

    #[test]
    fn different_workshops_get_different_keys() {
        let cases = [
            (
                ("宏达米业", "悦来镇"),
                ("宏达米业", "东河乡"),
                "same name, other place",
            ),
            (
                ("宏达米业", "悦来镇"),
                ("宏大米业", "悦来镇"),
                "different name",
            ),
            (
                ("宏达米业一厂", "悦来镇"),
                ("宏达米业二厂", "悦来镇"),
                "numbered plants",
            ),
        ];
        for ((name_a, address_a), (name_b, address_b), why) in cases {
            assert_ne!(
                merge_key(name_a, address_a),
                merge_key(name_b, address_b),
                "{why}"
            );
        }
    }

    #[test]
    fn enterprise_names_are_trimmed_and_limited_in_characters() {
        let hundred_chinese = "米".repeat(100);
        let cases = [
            ("  宏达米业 ", Ok("宏达米业"), "trimmed"),
            (
                hundred_chinese.as_str(),
                Ok(hundred_chinese.as_str()),
                "100 characters (300 bytes)",
            ),
            ("", Err(EnterpriseNameError::Empty), "empty"),
            (
                " \u{3000}\t",
                Err(EnterpriseNameError::Empty),
                "whitespace only, ideographic space too",
            ),
            (
                "\u{200B}\u{200B}",
                Err(EnterpriseNameError::Empty),
                "two zero-width spaces show nothing",
            ),
            (
                "\u{FEFF} \u{200D}\u{2060} ",
                Err(EnterpriseNameError::Empty),
                "byte-order mark, joiners and spaces only",
            ),
            (
                "宏达\u{200B}米业",
                Ok("宏达米业"),
                "a zero-width space inside is removed",
            ),
            (
                "\u{202E}业米达宏\u{202C}",
                Ok("业米达宏"),
                "bidi controls inside a name are removed, the letters kept as stored",
            ),
        ];
        for (input, expected, why) in cases {
            let parsed = EnterpriseName::parse(input);
            assert_eq!(
                parsed.as_ref().map(EnterpriseName::as_str),
                expected.as_ref().map(|s| *s),
                "{why}"
            );
        }
        let too_long = "米".repeat(101);
        assert_eq!(
            EnterpriseName::parse(&too_long),
            Err(EnterpriseNameError::TooLong { max: 100 }),
            "101 characters refused"
        );
        let padded = format!("{hundred_chinese}\u{200B}\u{FEFF}");
        assert_eq!(
            EnterpriseName::parse(&padded).map(String::from),
            Ok(hundred_chinese.clone()),
            "invisible characters do not count towards the limit"
        );
    }

    #[test]
    fn addresses_are_trimmed_and_limited_in_characters() {
        let cases = [
            (
                " 悦来镇新华村3组 ".to_owned(),
                Ok("悦来镇新华村3组".to_owned()),
                "trimmed",
            ),
            ("村".repeat(200), Ok("村".repeat(200)), "200 characters"),
            (
                "村".repeat(201),
                Err(AddressError::TooLong { max: 200 }),
                "201 characters",
            ),
            ("  ".to_owned(), Err(AddressError::Empty), "blank"),
            (
                "\u{200B}\u{00AD}".to_owned(),
                Err(AddressError::Empty),
                "invisible only",
            ),
            (
                "悦来镇\u{200C}新华村".to_owned(),
                Ok("悦来镇新华村".to_owned()),
                "a zero-width non-joiner inside is removed",
            ),
        ];
        for (input, expected, why) in cases {
            let parsed = Address::parse(&input).map(String::from);
            assert_eq!(parsed, expected, "{why}");
        }
    }

    #[test]
    fn names_deserialise_through_parse() {
        let name: Result<EnterpriseName, _> = serde_json::from_str("\" 宏达米业 \"");
        assert_eq!(
            name.as_ref().map(EnterpriseName::as_str).ok(),
            Some("宏达米业"),
            "trimmed on deserialise"
        );
        let empty: Result<Address, _> = serde_json::from_str("\"  \"");
        assert!(empty.is_err(), "blank address refused on deserialise");
    }

    #[test]
    fn errors_read_in_chinese_then_english() {
        let cases = [
            (
                EnterpriseNameError::Empty.to_string(),
                "企业名称不能为空 (enterprise name",
            ),
            (
                EnterpriseNameError::TooLong { max: 100 }.to_string(),
                "企业名称不能超过100个字 (",
            ),
            (
                AddressError::TooLong { max: 200 }.to_string(),
                "地址不能超过200个字 (",
            ),
        ];
        for (message, prefix) in cases {
            assert!(message.starts_with(prefix), "{message}");
        }
    }
}
