//! Values a request must pick from a known set: the number of a protobuf
//! enum, a party code. A value the server does not know is a field violation
//! that says what would be accepted, never a silent default or an empty list.

use crate::error::{Error, FieldViolation, Result};
use crate::parse::Violations;
use crate::text::Text;

/// Enum numbers looked at when listing the values of a prost enum.
const ENUM_SCAN: std::ops::RangeInclusive<i32> = 0..=255;

/// Party codes shown as examples in a message about an unknown code.
const EXAMPLES: usize = 4;

/// Every value of the prost enum `E` (numbers 0 to 255) with its proto name,
/// e.g. `[(0, "CATEGORY_UNSPECIFIED"), (1, "CATEGORY_UPGRADE"), …]`.
pub fn enum_values<E: TryFrom<i32>>(name: fn(&E) -> &'static str) -> Vec<(i32, &'static str)> {
    ENUM_SCAN
        .filter_map(|n| E::try_from(n).ok().map(|e| (n, name(&e))))
        .collect()
}

fn listed(values: &[(i32, &str)]) -> String {
    values
        .iter()
        .map(|(n, name)| format!("{name} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The value of the prost enum `E` numbered `raw`, or a violation on `field`
/// listing the known values. Zero (`*_UNSPECIFIED`) is known: what it means
/// (no filter, or missing) is the caller's to say.
///
/// `name` is the enum's `as_str_name`, e.g.
/// `known_enum("state", r.state, pb::LifecycleState::as_str_name)`.
pub fn known_enum<E: TryFrom<i32>>(
    field: &str,
    raw: i32,
    name: fn(&E) -> &'static str,
) -> Result<E, FieldViolation> {
    E::try_from(raw).map_err(|_| {
        let values = listed(&enum_values(name));
        FieldViolation::new(
            field,
            crate::text!(
                "取值 {raw} 不是已知的值，可选：{values}",
                "{raw} is not one of the known values: {values}"
            ),
        )
    })
}

/// Like [`known_enum`], but zero (`*_UNSPECIFIED`) is refused too: the field
/// is required. The violation lists the values that would be accepted.
pub fn required_enum<E: TryFrom<i32>>(
    field: &str,
    raw: i32,
    name: fn(&E) -> &'static str,
) -> Result<E, FieldViolation> {
    let accepted = || {
        let values: Vec<_> = enum_values(name)
            .into_iter()
            .filter(|(n, _)| *n != 0)
            .collect();
        listed(&values)
    };
    match E::try_from(raw) {
        Ok(_) if raw == 0 => {
            let values = accepted();
            Err(FieldViolation::new(
                field,
                crate::text!("必须填写，可选：{values}", "is required, one of: {values}"),
            ))
        }
        Ok(value) => Ok(value),
        Err(_) => {
            let values = accepted();
            Err(FieldViolation::new(
                field,
                crate::text!(
                    "取值 {raw} 不是已知的值，可选：{values}",
                    "{raw} is not one of the known values: {values}"
                ),
            ))
        }
    }
}

/// A kind of party in messages, in Chinese and English, e.g. `("属地", "jurisdiction")`.
pub type Noun = (&'static str, &'static str);

/// A known party: its code and its name, e.g. `("yuelai", "悦来镇")`.
pub type KnownParty<'a> = (&'a str, &'a str);

/// Why `value` is not a code of `known`: the codes to use instead, the one
/// named `value` first when the caller sent a name instead of a code.
fn unknown_party(value: &str, noun: Noun, known: &[KnownParty<'_>]) -> Text {
    let (noun_zh, noun_en) = noun;
    let mut examples: Vec<KnownParty<'_>> = known
        .iter()
        .copied()
        .filter(|(_, name)| *name == value)
        .collect();
    examples.extend(
        known
            .iter()
            .copied()
            .filter(|(_, name)| *name != value)
            .take(EXAMPLES.saturating_sub(examples.len())),
    );
    let more = if known.len() > examples.len() {
        "…"
    } else {
        ""
    };
    let zh = examples
        .iter()
        .map(|(code, name)| format!("{code}（{name}）"))
        .collect::<Vec<_>>()
        .join("、");
    let en = examples
        .iter()
        .map(|(code, _)| *code)
        .collect::<Vec<_>>()
        .join(", ");
    if value.is_empty() {
        return Text::new(
            format!("必须填写{noun_zh}代码，如 {zh}{more}"),
            format!("is required: a {noun_en} code such as {en}{more}"),
        );
    }
    Text::new(
        format!("未知{noun_zh}“{value}”，应为{noun_zh}代码，如 {zh}{more}"),
        format!("unknown {noun_en} {value:?}; use a {noun_en} code such as {en}{more}"),
    )
}

/// A party code that must be one of `known`; the violation for an empty or
/// unknown code hints the codes to use (a name sent for a code is pointed at
/// its code).
pub fn party_code(
    field: &str,
    value: &str,
    noun: Noun,
    known: &[KnownParty<'_>],
) -> Result<String, FieldViolation> {
    let value = value.trim();
    if known.iter().any(|(code, _)| *code == value) {
        Ok(value.to_owned())
    } else {
        Err(FieldViolation::new(
            field,
            unknown_party(value, noun, known),
        ))
    }
}

/// A party-code filter: empty (no filter) or one of `known`, else a violation
/// as [`party_code`]'s. An unknown code is refused rather than matching
/// nothing, so a caller who sent a name learns the code instead of an empty list.
pub fn party_filter(
    field: &str,
    value: &str,
    noun: Noun,
    known: &[KnownParty<'_>],
) -> Result<String, FieldViolation> {
    if value.trim().is_empty() {
        return Ok(String::new());
    }
    party_code(field, value, noun, known)
}

impl Violations {
    /// Records `result`'s violation, if any, and gives its value.
    pub fn known<T>(&mut self, result: Result<T, FieldViolation>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(violation) => {
                self.add(violation.field, violation.description);
                None
            }
        }
    }

    /// [`known_enum`] of `raw` (0, "unspecified", accepted), or the violation recorded.
    pub fn known_enum<E: TryFrom<i32>>(
        &mut self,
        field: &str,
        raw: i32,
        name: fn(&E) -> &'static str,
    ) -> Option<E> {
        self.known(known_enum(field, raw, name))
    }

    /// [`required_enum`] of `raw` (0 refused too), or the violation recorded.
    pub fn required_enum<E: TryFrom<i32>>(
        &mut self,
        field: &str,
        raw: i32,
        name: fn(&E) -> &'static str,
    ) -> Option<E> {
        self.known(required_enum(field, raw, name))
    }
}

impl From<FieldViolation> for Error {
    fn from(violation: FieldViolation) -> Self {
        Error::InvalidArgument(vec![violation])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for a prost enum: 0, 1 and 3 are known.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Colour {
        Unspecified,
        Red,
        Blue,
    }

    impl TryFrom<i32> for Colour {
        type Error = ();
        fn try_from(n: i32) -> Result<Self, ()> {
            match n {
                0 => Ok(Colour::Unspecified),
                1 => Ok(Colour::Red),
                3 => Ok(Colour::Blue),
                _ => Err(()),
            }
        }
    }

    fn name(c: &Colour) -> &'static str {
        match c {
            Colour::Unspecified => "COLOUR_UNSPECIFIED",
            Colour::Red => "COLOUR_RED",
            Colour::Blue => "COLOUR_BLUE",
        }
    }

    #[test]
    fn an_unknown_enum_number_names_the_field_and_lists_the_known_values() {
        assert_eq!(
            known_enum("colour", 3, name),
            Ok(Colour::Blue),
            "3 is known"
        );
        assert_eq!(
            known_enum("colour", 0, name),
            Ok(Colour::Unspecified),
            "zero is known"
        );
        let violation = known_enum::<Colour>("colour", 99, name).expect_err("99 is unknown");
        assert_eq!(violation.field, "colour", "the field is named");
        for phrase in [
            "99 is not one of the known values",
            "COLOUR_RED (1)",
            "COLOUR_BLUE (3)",
        ] {
            assert!(
                violation.description.en.contains(phrase),
                "the English should say {phrase:?}: {}",
                violation.description.en
            );
        }
        assert!(
            violation.description.zh.contains("可选"),
            "the Chinese lists the choices: {}",
            violation.description.zh
        );
    }

    #[test]
    fn a_required_enum_refuses_zero_and_lists_what_is_accepted() {
        assert_eq!(
            required_enum("colour", 1, name),
            Ok(Colour::Red),
            "1 is accepted"
        );
        for raw in [0, 42] {
            let violation = required_enum::<Colour>("colour", raw, name).expect_err("refused");
            assert!(
                violation
                    .description
                    .en
                    .contains("COLOUR_RED (1), COLOUR_BLUE (3)")
                    && !violation.description.en.contains("UNSPECIFIED"),
                "{raw}: the accepted values, without the unspecified one: {}",
                violation.description.en
            );
        }
    }

    const KNOWN: [KnownParty<'static>; 2] = [("yuelai", "悦来镇"), ("donghe", "东河镇")];

    #[test]
    fn a_party_name_sent_for_a_code_is_pointed_at_its_code() {
        let violation = party_filter("jurisdiction", "东河镇", ("属地", "jurisdiction"), &KNOWN)
            .expect_err("a name is not a code");
        assert_eq!(violation.field, "jurisdiction", "field");
        assert!(
            violation.description.en.starts_with(
                "unknown jurisdiction \"东河镇\"; use a jurisdiction code such as donghe"
            ),
            "the matching code comes first: {}",
            violation.description.en
        );
        assert!(
            violation.description.zh.contains("donghe（东河镇）"),
            "the Chinese pairs code and name: {}",
            violation.description.zh
        );
    }

    #[test]
    fn an_empty_filter_is_no_filter_but_an_empty_code_is_required() {
        let noun = ("属地", "jurisdiction");
        assert_eq!(
            party_filter("j", " ", noun, &KNOWN),
            Ok(String::new()),
            "empty filter"
        );
        assert_eq!(
            party_filter("j", "yuelai", noun, &KNOWN),
            Ok("yuelai".into()),
            "known"
        );
        let violation = party_code("j", "", noun, &KNOWN).expect_err("empty code");
        assert!(
            violation
                .description
                .en
                .starts_with("is required: a jurisdiction code such as yuelai"),
            "{}",
            violation.description.en
        );
    }
}
