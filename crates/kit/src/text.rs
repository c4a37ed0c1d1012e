//! Messages for people, in Chinese and English kept apart: a client shows the
//! Chinese (`LocalizedMessage`, zh-CN) and logs or falls back to the English
//! (the status message).

use std::fmt;

/// A message for a person in Chinese and in English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// Simplified Chinese, for the county's users.
    pub zh: String,
    /// English, for developers and logs.
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// Splits a domain error's message written `中文 (English)`, the form every
    /// domain error of the project uses: the English part is the parenthesis
    /// that closes the message (matched from the end, so parentheses inside
    /// either part are kept). A message without one is used for both.
    pub fn from_bilingual(message: &str) -> Self {
        match english_part(message) {
            Some(open) => Self {
                zh: message[..open].trim().to_owned(),
                en: message[open + 1..message.len() - 1].trim().to_owned(),
            },
            None => Self::new(message, message),
        }
    }
}

/// Where the final, balanced `( … )` of `message` opens, if it is preceded
/// by a space and something else.
fn english_part(message: &str) -> Option<usize> {
    if !message.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (at, c) in message.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    let before = &message[..at];
                    return (before.ends_with(' ') && !before.trim().is_empty()).then_some(at);
                }
            }
            _ => {}
        }
    }
    None
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.zh, self.en)
    }
}

/// `text!("中文 {x}", "English {x}")`: a [`Text`] from two format strings,
/// optionally followed by arguments both use (`text!("…{n}", "…{n}", n = 3)`).
#[macro_export]
macro_rules! text {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::text::Text::new(format!($zh), format!($en))
    };
    ($zh:literal, $en:literal, $($args:tt)+) => {
        $crate::text::Text::new(format!($zh, $($args)+), format!($en, $($args)+))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilingual_messages_split_into_their_two_languages() {
        let cases = [
            (
                "企业名称不能为空 (enterprise name must not be empty)",
                ("企业名称不能为空", "enterprise name must not be empty"),
            ),
            (
                "纬度应在-90到90之间 (latitude must be between -90 and 90 (inclusive))",
                (
                    "纬度应在-90到90之间",
                    "latitude must be between -90 and 90 (inclusive)",
                ),
            ),
            ("只有中文", ("只有中文", "只有中文")),
            (
                "状态应为 A (0)、B (1) (state must be one of A (0), B (1))",
                ("状态应为 A (0)、B (1)", "state must be one of A (0), B (1)"),
            ),
        ];
        for (message, (zh, en)) in cases {
            let text = Text::from_bilingual(message);
            assert_eq!((text.zh.as_str(), text.en.as_str()), (zh, en), "{message}");
        }
    }
}
