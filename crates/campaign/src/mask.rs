//! Masking of personal information (PIPL) for callers without the `pii` role: names keep their
//! first character, phone numbers their first three and last four digits, ID numbers their first
//! four and last four. Every character hidden becomes one `*`, so the length still shows.

/// A person's name with all but its first character hidden: `张三丰` → `张**`.
pub fn name(value: &str) -> String {
    let mut chars = value.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// A phone number with all but its first three and last four characters hidden:
/// `13812345678` → `138****5678`.
pub fn phone(value: &str) -> String {
    keep(value, 3, 4)
}

/// An ID number with all but its first four and last four characters hidden:
/// `230826198001011234` → `2308**********1234`.
pub fn id_number(value: &str) -> String {
    keep(value, 4, 4)
}

/// Keeps `head` characters at the start and `tail` at the end; a value too short to hide anything
/// in between is hidden whole.
fn keep(value: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let hidden = chars.len() - head - tail;
    chars[..head]
        .iter()
        .chain(std::iter::repeat_n(&'*', hidden))
        .chain(&chars[chars.len() - tail..])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A masking function, the value, what it should show, and why.
    type Case = (fn(&str) -> String, &'static str, &'static str, &'static str);

    #[test]
    fn personal_data_is_masked_but_recognisable() {
        let cases: [Case; 8] = [
            (name, "张三丰", "张**", "a name keeps its first character"),
            (
                name,
                "张",
                "张",
                "a one-character name shows that character",
            ),
            (name, "", "", "an empty name stays empty"),
            (
                phone,
                "13812345678",
                "138****5678",
                "a phone keeps 3 + 4 digits",
            ),
            (
                phone,
                "1234567",
                "*******",
                "a phone of 7 digits is hidden whole",
            ),
            (phone, "123", "***", "a short phone is hidden whole"),
            (
                id_number,
                "230826198001011234",
                "2308**********1234",
                "an ID number keeps 4 + 4 characters",
            ),
            (
                id_number,
                "2308X",
                "*****",
                "a short ID number is hidden whole",
            ),
        ];
        for (mask, value, expected, why) in cases {
            assert_eq!(mask(value), expected, "{why}");
        }
    }
}
