//! Which party a request is about when it leaves that to the caller's token.

use crate::auth::{PartyKind, Principal};

/// The jurisdiction a request names, or the caller's own when it is a
/// jurisdiction and names none. For any other caller an empty name stays
/// empty, and the request's parse refuses it as missing.
pub fn jurisdiction_or_own(named: &str, caller: &Principal) -> String {
    let named = named.trim();
    if named.is_empty() && caller.kind == PartyKind::Jurisdiction {
        caller.party.clone()
    } else {
        named.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(party: &str, kind: PartyKind) -> Principal {
        Principal::of_party(party, kind)
    }

    #[test]
    fn a_jurisdiction_naming_none_means_its_own() {
        let cases = [
            (
                "",
                PartyKind::Jurisdiction,
                "yuelai",
                "jurisdiction naming none",
            ),
            (
                " ",
                PartyKind::Jurisdiction,
                "yuelai",
                "blank counts as none",
            ),
            (
                "donghe",
                PartyKind::Jurisdiction,
                "donghe",
                "a named one is kept",
            ),
            ("", PartyKind::Bureau, "", "a bureau must name it"),
            ("", PartyKind::Office, "", "the office must name it"),
            ("donghe", PartyKind::Office, "donghe", "office naming one"),
        ];
        for (named, kind, expected, why) in cases {
            let party = if kind == PartyKind::Jurisdiction {
                "yuelai"
            } else {
                "water"
            };
            assert_eq!(
                jurisdiction_or_own(named, &caller(party, kind)),
                expected,
                "{why}"
            );
        }
    }
}
