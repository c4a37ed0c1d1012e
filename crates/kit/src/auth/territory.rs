//! Reading by territory, the same in every service: a jurisdiction (属地) reads only what lies in
//! its own territory; bureaus, the office, supervision and services read everything.

use super::principal::{PartyKind, Principal};
use crate::error::{Error, Reason};

/// Refuses a jurisdiction reading `what` (e.g. `("企业", "enterprises")`) of another
/// jurisdiction's territory, `jurisdiction`.
pub fn may_read(
    principal: &Principal,
    jurisdiction: &str,
    what: (&str, &str),
) -> Result<(), Error> {
    if principal.kind == PartyKind::Jurisdiction && principal.party != jurisdiction {
        let (zh, en) = what;
        let party = &principal.party;
        return Err(Error::permission_denied(
            Reason::PermissionDenied,
            crate::text!(
                "{party} 无权查看其他属地（{jurisdiction}）的{zh}",
                "{party} may not read another jurisdiction's {en} ({jurisdiction})"
            ),
        ));
    }
    Ok(())
}

/// The jurisdiction a list is limited to: a jurisdiction's own, whatever it asked (asking for
/// another's is refused); for everyone else, what it asked (empty for all).
pub fn list_scope(
    principal: &Principal,
    requested: &str,
    what: (&str, &str),
) -> Result<String, Error> {
    if principal.kind == PartyKind::Jurisdiction {
        if !requested.is_empty() {
            may_read(principal, requested, what)?;
        }
        return Ok(principal.party.clone());
    }
    Ok(requested.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(party: &str, kind: PartyKind) -> Principal {
        Principal::of_party(party, kind)
    }

    const ITEMS: (&str, &str) = ("工作事项", "work items");

    #[test]
    fn a_jurisdiction_reads_only_its_own_territory_and_everyone_else_all() {
        let cases = [
            (who("yuelai", PartyKind::Jurisdiction), "yuelai", true),
            (who("yuelai", PartyKind::Jurisdiction), "donghe", false),
            (who("water", PartyKind::Bureau), "donghe", true),
            (who("office", PartyKind::Office), "donghe", true),
            (who("gov", PartyKind::Supervision), "donghe", true),
            (who("coordinator", PartyKind::Service), "donghe", true),
        ];
        for (principal, territory, allowed) in cases {
            assert_eq!(
                may_read(&principal, territory, ITEMS).is_ok(),
                allowed,
                "{} reading {territory}",
                principal.party
            );
        }
    }

    #[test]
    fn a_jurisdiction_list_is_scoped_to_its_own_territory() {
        let township = who("yuelai", PartyKind::Jurisdiction);
        let cases = [
            (&township, "", Some("yuelai")),
            (&township, "yuelai", Some("yuelai")),
            (&township, "donghe", None),
        ];
        for (principal, requested, expected) in cases {
            assert_eq!(
                list_scope(principal, requested, ITEMS).ok().as_deref(),
                expected,
                "asked for {requested:?}"
            );
        }
        let eco = who("eco", PartyKind::Bureau);
        assert_eq!(
            list_scope(&eco, "", ITEMS).ok().as_deref(),
            Some(""),
            "a bureau lists all"
        );
    }
}
