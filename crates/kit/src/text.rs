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
    /// domain error of the project uses; a message without an English part is
    /// used for both.
    pub fn from_bilingual(message: &str) -> Self {
        match message.find(" (") {
            Some(at) if message.ends_with(')') => Self {
                zh: message[..at].trim().to_owned(),
                en: message[at + 2..message.len() - 1].trim().to_owned(),
            },
            _ => Self::new(message, message),
        }
    }
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
        ];
        for (message, (zh, en)) in cases {
            let text = Text::from_bilingual(message);
            assert_eq!((text.zh.as_str(), text.en.as_str()), (zh, en), "{message}");
        }
    }
}
