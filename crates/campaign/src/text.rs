//! Cleaning free text typed or pasted by people (enterprise names, addresses) before it is checked
//! and stored.
//!
//! Text copied from web pages, chat apps and spreadsheets carries characters that show nothing:
//! zero-width spaces and joiners, word joiners, byte-order marks, soft hyphens, bidirectional
//! controls, stray control codes. Left in, a name of two zero-width spaces looks empty yet passes a
//! "not blank" check, and two names that look identical differ. [`clean`] removes them, wherever
//! they stand, then trims the surrounding whitespace.
//!
//! Invisible means Unicode general category Cf (format), taken from the `unicode-properties`
//! tables so that it follows Unicode's own data, or Cc (control) other than whitespace.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Whether `c` shows nothing and means nothing in a name or an address: a format character (Cf,
/// e.g. U+200B zero-width space, U+FEFF byte-order mark, U+00AD soft hyphen, U+202E right-to-left
/// override) or a control character (Cc) that is not whitespace.
pub fn is_invisible(c: char) -> bool {
    match c.general_category() {
        GeneralCategory::Format => true,
        GeneralCategory::Control => !c.is_whitespace(),
        _ => false,
    }
}

/// `text` without its [invisible](is_invisible) characters, anywhere in it, and trimmed of
/// surrounding whitespace.
///
/// Whitespace inside the text is kept; only its ends are trimmed. Bidirectional controls inside a
/// name are removed too: a name is shown in one direction, and an override could make it read
/// differently from what is stored.
pub fn clean(text: &str) -> String {
    let visible: String = text.chars().filter(|&c| !is_invisible(c)).collect();
    visible.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_removed_anywhere_and_the_rest_trimmed() {
        let cases = [
            ("宏达米业", "宏达米业", "plain text is kept"),
            (
                "  宏达米业\u{3000}",
                "宏达米业",
                "surrounding whitespace is trimmed",
            ),
            ("宏达 米业", "宏达 米业", "inner whitespace is kept"),
            ("\u{200B}\u{200B}", "", "two zero-width spaces are nothing"),
            (
                "\u{200B}宏达\u{200C}米\u{200D}业",
                "宏达米业",
                "zero-width space and joiners",
            ),
            ("宏达\u{2060}米业", "宏达米业", "word joiner"),
            ("\u{FEFF}宏达米业", "宏达米业", "byte-order mark"),
            ("宏\u{00AD}达", "宏达", "soft hyphen"),
            (
                "\u{200E}宏达\u{200F}",
                "宏达",
                "left-to-right and right-to-left marks",
            ),
            (
                "\u{202A}宏\u{202B}达\u{202C}米\u{202D}业\u{202E}",
                "宏达米业",
                "bidi embeddings and overrides",
            ),
            (
                "\u{2066}宏\u{2067}达\u{2068}米\u{2069}业",
                "宏达米业",
                "bidi isolates",
            ),
            ("\u{061C}宏达", "宏达", "Arabic letter mark, another Cf"),
            ("\u{180E}宏达", "宏达", "Mongolian vowel separator, Cf"),
            ("宏达\u{E0041}", "宏达", "a tag character, Cf"),
            (
                "宏\u{0000}达\u{0007}\u{001B}",
                "宏达",
                "NUL, bell and escape",
            ),
            (
                "宏\u{007F}达\u{0085}",
                "宏达",
                "DEL; NEL is whitespace and trimmed",
            ),
            (
                " \u{200B} 宏达 \u{FEFF} ",
                "宏达",
                "trimmed after the invisible go",
            ),
            (
                "\t宏达\n",
                "宏达",
                "tab and newline are whitespace, trimmed",
            ),
            ("\u{200B} \u{200B}", "", "invisible and blank is empty"),
            ("", "", "empty stays empty"),
        ];
        for (input, expected, why) in cases {
            assert_eq!(clean(input), expected, "{why}: {input:?}");
        }
    }

    #[test]
    fn only_format_and_non_whitespace_control_characters_are_invisible() {
        let cases = [
            ('\u{200B}', true, "zero-width space"),
            ('\u{FEFF}', true, "byte-order mark"),
            ('\u{202E}', true, "right-to-left override"),
            ('\u{0001}', true, "a control code"),
            ('\t', false, "tab is whitespace"),
            ('\n', false, "newline is whitespace"),
            (' ', false, "space"),
            ('\u{3000}', false, "ideographic space"),
            ('\u{00A0}', false, "no-break space"),
            ('米', false, "an ideograph"),
            ('A', false, "a letter"),
            ('（', false, "full-width punctuation"),
            (
                '\u{0301}',
                false,
                "a combining accent is a mark, not a format character",
            ),
        ];
        for (c, invisible, why) in cases {
            assert_eq!(is_invisible(c), invisible, "{why}: U+{:04X}", u32::from(c));
        }
    }
}
