//! The SHA-256 of a photo or document attached as evidence: the file stays in the bureau's own
//! system, the hash lets anyone later check that a copy is the file that was recorded.

use std::fmt;

use thiserror::Error;

/// Hexadecimal characters in a SHA-256.
pub const SHA256_HEX_LEN: usize = 64;

/// A SHA-256 digest, held as 64 lower-case hexadecimal characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(String);

/// Why a string is not a SHA-256 in hexadecimal.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ContentHashError {
    /// Not 64 characters.
    #[error(
        "SHA-256应为64位十六进制字符，实际为{found}位 (sha256 must be 64 hexadecimal characters, found {found})"
    )]
    WrongLength {
        /// Characters given, after trimming.
        found: usize,
    },
    /// A character that is not 0-9, a-f or A-F.
    #[error(
        "SHA-256第{position}位“{character}”不是十六进制字符 (character '{character}' at position {position} is not hexadecimal)"
    )]
    NotHex {
        /// 1-based position.
        position: usize,
        /// The character.
        character: char,
    },
}

impl ContentHash {
    /// Parses 64 hexadecimal characters; surrounding whitespace is trimmed and upper case is
    /// accepted, stored lower case.
    pub fn parse(input: &str) -> Result<ContentHash, ContentHashError> {
        let trimmed = input.trim();
        let found = trimmed.chars().count();
        if found != SHA256_HEX_LEN {
            return Err(ContentHashError::WrongLength { found });
        }
        if let Some((index, character)) = trimmed
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_hexdigit())
        {
            return Err(ContentHashError::NotHex {
                position: index + 1,
                character,
            });
        }
        Ok(ContentHash(trimmed.to_ascii_lowercase()))
    }

    /// The 64 lower-case hexadecimal characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-256 of the empty string.
    const EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn hashes_are_accepted_in_either_case_and_kept_lower_case() {
        let cases = [
            (EMPTY.to_owned(), "lower case"),
            (EMPTY.to_uppercase(), "upper case"),
            (format!("  {EMPTY}\n"), "surrounding whitespace"),
        ];
        for (input, why) in cases {
            let hash = ContentHash::parse(&input).expect(why);
            assert_eq!(hash.as_str(), EMPTY, "{why}");
        }
    }

    #[test]
    fn anything_but_64_hexadecimal_characters_is_refused() {
        let cases = [
            (String::new(), ContentHashError::WrongLength { found: 0 }),
            (
                EMPTY[..63].to_owned(),
                ContentHashError::WrongLength { found: 63 },
            ),
            (
                format!("{EMPTY}0"),
                ContentHashError::WrongLength { found: 65 },
            ),
            (
                format!("g{}", &EMPTY[1..]),
                ContentHashError::NotHex {
                    position: 1,
                    character: 'g',
                },
            ),
            (
                format!("{}Ｆ", &EMPTY[..63]),
                ContentHashError::NotHex {
                    position: 64,
                    character: 'Ｆ',
                },
            ),
            (
                format!("{} {}", &EMPTY[..31], &EMPTY[32..]),
                ContentHashError::NotHex {
                    position: 32,
                    character: ' ',
                },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(ContentHash::parse(&input), Err(expected), "{input:?}");
        }
    }
}
