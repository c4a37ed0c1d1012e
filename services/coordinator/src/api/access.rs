//! Who reads what on the coordinator (docs/architecture.md, "The coordinator"): the office and
//! supervision read everything; a jurisdiction only its own territory; a bureau only its own
//! items; other services nothing. Only the office signs off. Every rule here has a test that
//! another party is refused.

use rectify_kit::auth::{PartyKind, Principal, territory};
use rectify_kit::{Error, Reason, text};

/// What a caller may read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reader {
    /// The office or supervision.
    Everything,
    /// A jurisdiction: its own territory.
    Jurisdiction(String),
    /// A bureau: the items it executes.
    Bureau(String),
}

const ENTERPRISES: (&str, &str) = ("企业", "enterprises");

fn denied(principal: &Principal, zh: &str, en: &str) -> Error {
    let party = &principal.party;
    Error::permission_denied(
        Reason::PermissionDenied,
        text!("{party} 无权{zh}", "{party} may not {en}"),
    )
}

/// The caller as a reader; another service reads nothing here.
pub fn reader(principal: &Principal) -> Result<Reader, Error> {
    match principal.kind {
        PartyKind::Office | PartyKind::Supervision => Ok(Reader::Everything),
        PartyKind::Jurisdiction => Ok(Reader::Jurisdiction(principal.party.clone())),
        PartyKind::Bureau => Ok(Reader::Bureau(principal.party.clone())),
        PartyKind::Service => Err(denied(
            principal,
            "查看整治进度",
            "read the campaign's progress",
        )),
    }
}

/// Enterprise-level reads (progress, timelines, rebounds): everyone but bureaus, a
/// jurisdiction limited to its own; the jurisdiction the list is limited to.
pub fn enterprise_scope(principal: &Principal, requested: &str) -> Result<String, Error> {
    match reader(principal)? {
        Reader::Bureau(_) => Err(denied(
            principal,
            "查看企业整治进度（部门只能查看本部门的工作事项）",
            "read enterprises' progress (a bureau reads its own items)",
        )),
        _ => territory::list_scope(principal, requested, ENTERPRISES),
    }
}

/// Reading one enterprise of `jurisdiction`.
pub fn may_read_enterprise(principal: &Principal, jurisdiction: &str) -> Result<(), Error> {
    enterprise_scope(principal, "")?;
    territory::may_read(principal, jurisdiction, ENTERPRISES)
}

/// The (executor, jurisdiction) an overdue-item list is limited to: a bureau its own items, a
/// jurisdiction its own territory; asking for another's is refused.
pub fn item_scope(
    principal: &Principal,
    executor: &str,
    jurisdiction: &str,
) -> Result<(String, String), Error> {
    match reader(principal)? {
        Reader::Everything => Ok((executor.to_owned(), jurisdiction.to_owned())),
        Reader::Jurisdiction(own) => {
            territory::may_read(
                principal,
                if jurisdiction.is_empty() {
                    &own
                } else {
                    jurisdiction
                },
                ENTERPRISES,
            )?;
            Ok((executor.to_owned(), own))
        }
        Reader::Bureau(own) => {
            if !executor.is_empty() && executor != own {
                return Err(denied(
                    principal,
                    &format!("查看其他单位（{executor}）的工作事项"),
                    &format!("read another party's work items ({executor})"),
                ));
            }
            Ok((own, jurisdiction.to_owned()))
        }
    }
}

/// Campaign-wide figures (by category, supervision's bureau rows, audit anchors): the office
/// and supervision only.
pub fn may_read_everything(principal: &Principal, zh: &str, en: &str) -> Result<(), Error> {
    match reader(principal)? {
        Reader::Everything => Ok(()),
        _ => Err(denied(principal, zh, en)),
    }
}

/// Sign-off (销号): the office only.
pub fn may_sign_off(principal: &Principal) -> Result<(), Error> {
    let allowed = principal.kind == PartyKind::Office;
    principal.permit(allowed, Reason::OfficeOnly, |party| {
        text!(
            "{party} 无权销号：只有领导小组办公室可以销号",
            "{party} may not sign off: only the leading-group office signs enterprises off"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(party: &str, kind: PartyKind) -> Principal {
        Principal::of_party(party, kind)
    }

    #[test]
    fn the_office_and_supervision_read_everything_and_services_nothing() {
        assert_eq!(
            reader(&who("office", PartyKind::Office)).ok(),
            Some(Reader::Everything)
        );
        assert_eq!(
            reader(&who("supervision", PartyKind::Supervision)).ok(),
            Some(Reader::Everything)
        );
        assert!(reader(&who("environment", PartyKind::Service)).is_err());
        assert!(
            may_read_everything(&who("yuelai", PartyKind::Jurisdiction), "看", "read").is_err()
        );
        assert!(may_read_everything(&who("eco", PartyKind::Bureau), "看", "read").is_err());
    }

    #[test]
    fn a_jurisdiction_reads_its_own_enterprises_and_a_bureau_none() {
        let yuelai = who("yuelai", PartyKind::Jurisdiction);
        assert_eq!(
            enterprise_scope(&yuelai, "").ok().as_deref(),
            Some("yuelai")
        );
        assert!(enterprise_scope(&yuelai, "donghe").is_err());
        assert!(may_read_enterprise(&yuelai, "donghe").is_err());
        assert!(may_read_enterprise(&yuelai, "yuelai").is_ok());
        assert!(enterprise_scope(&who("eco", PartyKind::Bureau), "").is_err());
    }

    #[test]
    fn a_bureau_reads_its_own_items_only() {
        let water = who("water", PartyKind::Bureau);
        assert_eq!(
            item_scope(&water, "", "").ok(),
            Some(("water".to_owned(), String::new()))
        );
        assert!(item_scope(&water, "eco", "").is_err());
        let yuelai = who("yuelai", PartyKind::Jurisdiction);
        assert_eq!(
            item_scope(&yuelai, "water", "").ok(),
            Some(("water".to_owned(), "yuelai".to_owned()))
        );
        assert!(item_scope(&yuelai, "", "donghe").is_err());
    }

    #[test]
    fn only_the_office_signs_off() {
        assert!(may_sign_off(&who("office", PartyKind::Office)).is_ok());
        for kind in [
            PartyKind::Supervision,
            PartyKind::Bureau,
            PartyKind::Jurisdiction,
            PartyKind::Service,
        ] {
            assert!(may_sign_off(&who("x", kind)).is_err(), "{kind:?}");
        }
    }
}
