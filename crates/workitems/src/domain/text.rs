//! Free text callers attach to a work item: a [`Reason`] (for blocking, rejecting, waiving) and a
//! [`Note`] (an optional remark).
//!
//! Both are cleaned as every other text people type or paste ([`rectify_campaign::text::clean`]:
//! invisible characters such as zero-width spaces, byte-order marks and stray control codes
//! removed, surrounding whitespace trimmed) and are at most [`TEXT_MAX_CHARS`] characters.

use std::fmt;

use rectify_campaign::text::clean;
use thiserror::Error;

/// Longest reason or note accepted, in characters.
pub const TEXT_MAX_CHARS: usize = 500;

/// Why a text is not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum TextError {
    /// A reason was empty after trimming.
    #[error("原因不能为空 (a reason is required)")]
    Empty,
    /// Longer than allowed.
    #[error(
        "不能超过{max}个字，实际为{found}个字 (must be at most {max} characters, found {found})"
    )]
    TooLong {
        /// The most characters accepted.
        max: usize,
        /// The characters given, after trimming.
        found: usize,
    },
}

/// Cleans, then checks the length; an empty result is returned as is.
fn checked(input: &str) -> Result<String, TextError> {
    let text = clean(input);
    let found = text.chars().count();
    if found > TEXT_MAX_CHARS {
        return Err(TextError::TooLong {
            max: TEXT_MAX_CHARS,
            found,
        });
    }
    Ok(text)
}

/// Why something was blocked, rejected or waived: never empty.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reason(String);

impl Reason {
    /// Parses a reason: trimmed, non-empty, at most [`TEXT_MAX_CHARS`] characters.
    pub fn parse(input: &str) -> Result<Reason, TextError> {
        let text = checked(input)?;
        if text.is_empty() {
            return Err(TextError::Empty);
        }
        Ok(Reason(text))
    }

    /// The reason, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional remark: may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Note(String);

impl Note {
    /// Parses a note: trimmed, at most [`TEXT_MAX_CHARS`] characters; empty is allowed.
    pub fn parse(input: &str) -> Result<Note, TextError> {
        checked(input).map(Note)
    }

    /// The note, trimmed; empty when none was given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when no note was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_trimmed_and_required() {
        let cases = [
            ("  经营者失联 ", Ok("经营者失联"), "trimmed"),
            (
                "\u{200B}\u{3000}场地有争议\u{FEFF}",
                Ok("场地有争议"),
                "invisible and ideographic space",
            ),
            (
                "第一行\n第二行",
                Ok("第一行\n第二行"),
                "line breaks inside kept",
            ),
            ("", Err(TextError::Empty), "empty"),
            (" \u{3000}\u{200B} ", Err(TextError::Empty), "only blanks"),
            (
                "原\u{200B}因\u{0007}",
                Ok("原因"),
                "invisible characters removed anywhere",
            ),
        ];
        for (input, expected, why) in cases {
            let parsed = Reason::parse(input);
            assert_eq!(
                parsed.as_ref().map(Reason::as_str),
                expected.as_ref().map(|s| *s),
                "{why}"
            );
        }
    }

    #[test]
    fn texts_are_limited_in_characters_not_bytes() {
        let limit = "字".repeat(TEXT_MAX_CHARS);
        assert!(
            Reason::parse(&limit).is_ok(),
            "500 Chinese characters (1500 bytes)"
        );
        let over = "字".repeat(TEXT_MAX_CHARS + 1);
        assert_eq!(
            Note::parse(&over),
            Err(TextError::TooLong {
                max: 500,
                found: 501
            }),
            "501 characters"
        );
    }

    #[test]
    fn notes_may_be_empty() {
        let note = Note::parse("  ").expect("blank note accepted");
        assert!(note.is_empty(), "blank becomes empty");
    }

    #[test]
    fn errors_read_in_chinese_then_english() {
        let message = TextError::TooLong {
            max: 500,
            found: 501,
        }
        .to_string();
        assert!(
            message.starts_with("不能超过500个字") && message.contains("(must be"),
            "{message}"
        );
    }
}
