//! Who may do what on the registry (docs/architecture.md, "Identity and tokens"). Every rule here has a test
//! that another party is refused.

use rectify_kit::auth::{PartyKind, Principal, territory};
use rectify_kit::{Error, Reason};

/// The role that sees operators' and responsible persons' personal data unmasked.
pub const PII_ROLE: &str = "pii";

fn denied(principal: &Principal, what: &str, what_en: &str) -> Error {
    Error::permission_denied(
        Reason::PermissionDenied,
        format!(
            "{} 无权{what} ({} may not {what_en})",
            principal.party, principal.party
        ),
    )
}

/// A jurisdiction reports only in its own territory; bureaus and the office anywhere.
pub fn may_report(principal: &Principal, jurisdiction: &str) -> Result<(), Error> {
    match principal.kind {
        PartyKind::Bureau | PartyKind::Office => Ok(()),
        PartyKind::Jurisdiction if principal.party == jurisdiction => Ok(()),
        PartyKind::Jurisdiction => Err(denied(
            principal,
            &format!("上报其他属地（{jurisdiction}）的企业"),
            &format!("report in another jurisdiction's territory ({jurisdiction})"),
        )),
        PartyKind::Service | PartyKind::Supervision => {
            Err(denied(principal, "上报排查结果", "report findings"))
        }
    }
}

/// A township's survey: a jurisdiction imports its own; the office imports any
/// township's on its behalf (the survey sheets come to the office); bureaus,
/// services and supervision report their own findings one by one, not surveys.
pub fn may_import(principal: &Principal, jurisdiction: &str) -> Result<(), Error> {
    match principal.kind {
        PartyKind::Office => Ok(()),
        PartyKind::Jurisdiction if principal.party == jurisdiction => Ok(()),
        PartyKind::Jurisdiction => Err(denied(
            principal,
            &format!("导入其他属地（{jurisdiction}）的排查表"),
            &format!("import another jurisdiction's survey ({jurisdiction})"),
        )),
        PartyKind::Bureau | PartyKind::Service | PartyKind::Supervision => Err(denied(
            principal,
            "导入乡镇排查表",
            "import a township's survey",
        )),
    }
}

/// What the territory rules name when they refuse.
const ENTERPRISES: (&str, &str) = ("企业", "enterprises");

/// A jurisdiction reads only its own territory; everyone else reads all.
pub fn may_read(principal: &Principal, jurisdiction: &str) -> Result<(), Error> {
    territory::may_read(principal, jurisdiction, ENTERPRISES)
}

/// The jurisdiction a list is limited to: a jurisdiction's own, whatever it asked.
pub fn list_scope(principal: &Principal, requested: &str) -> Result<String, Error> {
    territory::list_scope(principal, requested, ENTERPRISES)
}

/// Whose reports a caller may list: a jurisdiction its own only; bureaus and
/// the office, who read every enterprise's findings anyway, anyone's.
pub fn may_filter_reporter(principal: &Principal, reporter: &str) -> Result<(), Error> {
    if reporter.is_empty()
        || principal.kind != PartyKind::Jurisdiction
        || principal.party == reporter
    {
        return Ok(());
    }
    Err(denied(
        principal,
        &format!("查看其他单位（{reporter}）上报的企业"),
        &format!("list what another party ({reporter}) reported"),
    ))
}

/// Confirm, reject, classify, plan, publish, sign off, reopen: the office only.
pub fn may_manage(principal: &Principal, what: &str, what_en: &str) -> Result<(), Error> {
    if principal.kind == PartyKind::Office {
        Ok(())
    } else {
        Err(denied(principal, what, what_en))
    }
}

/// The service whose patrols find rebounds, and so may reopen enterprises.
pub const REOPENING_SERVICE: &str = "environment";

/// Reopen: the office, or the environment service when its patrol found a rebound.
pub fn may_reopen(principal: &Principal, what: &str, what_en: &str) -> Result<(), Error> {
    match principal.kind {
        PartyKind::Service if principal.party == REOPENING_SERVICE => Ok(()),
        _ => may_manage(principal, what, what_en),
    }
}

/// The service that checks an enterprise is complete before signing it off.
pub const SIGNING_SERVICE: &str = "coordinator";

/// Sign off: the coordinator service only. The office signs off through the coordinator
/// (`CoordinatorService.SignOffEnterprise`), which refuses an enterprise whose plan is not
/// complete; a sign-off sent here directly by the office or anyone else is refused.
pub fn may_sign_off(principal: &Principal, _what: &str, _what_en: &str) -> Result<(), Error> {
    if principal.kind == PartyKind::Service && principal.party == SIGNING_SERVICE {
        return Ok(());
    }
    Err(Error::permission_denied(
        Reason::CoordinatorOnly,
        format!(
            "{} 无权直接销号：销号须经协调服务核对整治完成情况后办理 \
             ({} may not sign off directly: sign-off goes through the coordinator, which checks \
             that the plan is complete)",
            principal.party, principal.party
        ),
    ))
}

/// Whether personal data is shown unmasked to this caller.
pub fn sees_personal_data(principal: &Principal) -> bool {
    principal.has_role(PII_ROLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(party: &str, kind: PartyKind) -> Principal {
        Principal::of_party(party, kind)
    }

    #[test]
    fn a_township_reports_only_in_its_own_territory() {
        assert!(may_report(&who("yuelai", PartyKind::Jurisdiction), "yuelai").is_ok());
        assert!(may_report(&who("yuelai", PartyKind::Jurisdiction), "donghe").is_err());
    }

    #[test]
    fn bureaus_report_anywhere_but_services_do_not_report() {
        assert!(may_report(&who("water", PartyKind::Bureau), "donghe").is_ok());
        assert!(may_report(&who("coordinator", PartyKind::Service), "donghe").is_err());
    }

    #[test]
    fn a_survey_is_imported_by_its_township_or_the_office_only() {
        assert!(may_import(&who("yuelai", PartyKind::Jurisdiction), "yuelai").is_ok());
        assert!(may_import(&who("office", PartyKind::Office), "yuelai").is_ok());
        for (party, kind) in [
            ("donghe", PartyKind::Jurisdiction),
            ("water", PartyKind::Bureau),
            ("coordinator", PartyKind::Service),
            ("gov", PartyKind::Supervision),
        ] {
            assert!(may_import(&who(party, kind), "yuelai").is_err(), "{party}");
        }
    }

    #[test]
    fn a_jurisdiction_lists_only_its_own_reports() {
        let township = who("yuelai", PartyKind::Jurisdiction);
        assert!(may_filter_reporter(&township, "yuelai").is_ok(), "own");
        assert!(may_filter_reporter(&township, "").is_ok(), "no filter");
        assert!(
            may_filter_reporter(&township, "water").is_err(),
            "a bureau's"
        );
        assert!(
            may_filter_reporter(&who("office", PartyKind::Office), "water").is_ok(),
            "the office sees any"
        );
    }

    #[test]
    fn the_office_and_the_environment_service_reopen_and_no_one_else() {
        let reopen = |party: &str, kind| may_reopen(&who(party, kind), "重新整治", "reopen");
        assert!(reopen("office", PartyKind::Office).is_ok(), "the office");
        assert!(
            reopen("environment", PartyKind::Service).is_ok(),
            "environment"
        );
        for (party, kind) in [
            ("utilities", PartyKind::Service),
            ("coordinator", PartyKind::Service),
            ("environment", PartyKind::Bureau),
            ("eco", PartyKind::Bureau),
            ("yuelai", PartyKind::Jurisdiction),
        ] {
            assert!(reopen(party, kind).is_err(), "{party} ({kind:?})");
        }
    }

    #[test]
    fn only_the_coordinator_service_signs_off() {
        let sign_off = |party: &str, kind| may_sign_off(&who(party, kind), "销号", "sign off");
        assert!(sign_off("coordinator", PartyKind::Service).is_ok());
        for (party, kind) in [
            ("office", PartyKind::Office),
            ("environment", PartyKind::Service),
            ("coordinator", PartyKind::Bureau),
            ("supervision", PartyKind::Supervision),
            ("yuelai", PartyKind::Jurisdiction),
        ] {
            assert!(sign_off(party, kind).is_err(), "{party} ({kind:?})");
        }
    }

    #[test]
    fn only_the_office_manages() {
        assert!(may_manage(&who("office", PartyKind::Office), "分类", "classify").is_ok());
        for kind in [
            PartyKind::Bureau,
            PartyKind::Jurisdiction,
            PartyKind::Service,
            PartyKind::Supervision,
        ] {
            assert!(
                may_manage(&who("eco", kind), "分类", "classify").is_err(),
                "{kind:?}"
            );
        }
    }
}
