//! The authenticated caller, as the services see it once a token has been verified.

/// What kind of party a caller acts for; defined with the campaign, whose parties have the same
/// kinds (all but [`PartyKind::Service`]).
pub use rectify_campaign::PartyKind;

use crate::error::{Error, Reason, Result};
use crate::text::Text;

/// A verified caller: who (`subject`), for which party, of which kind, with which roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The person or service account, unique within its party.
    pub subject: String,
    /// The party acted for, e.g. `water` or `jurisdiction/xinzhuang`.
    pub party: String,
    /// The kind of that party.
    pub kind: PartyKind,
    /// Roles granted within the party.
    pub roles: Vec<String>,
}

impl Principal {
    /// An account of `party` (of `kind`) with no roles: what a call from one of that party's
    /// systems is, for checks that look at the party alone.
    pub fn of_party(party: &str, kind: PartyKind) -> Principal {
        Principal {
            subject: party.to_owned(),
            party: party.to_owned(),
            kind,
            roles: Vec::new(),
        }
    }

    /// Whether the caller holds `role`.
    pub fn has_role(&self, role: &str) -> bool {
        self.roles.iter().any(|held| held == role)
    }

    /// `party/subject`, the actor recorded in the audit log.
    pub fn actor(&self) -> String {
        format!("{}/{}", self.party, self.subject)
    }

    /// Whether the caller acts for a party of `kind`.
    pub fn is(&self, kind: PartyKind) -> bool {
        self.kind == kind
    }

    /// `Ok` when the caller is `allowed`; otherwise PERMISSION_DENIED with `reason` and the
    /// message `refusal` writes for the caller's party.
    pub fn permit(
        &self,
        allowed: bool,
        reason: Reason,
        refusal: impl FnOnce(&str) -> Text,
    ) -> Result<()> {
        if allowed {
            return Ok(());
        }
        Err(Error::permission_denied(reason, refusal(&self.party)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn water_clerk() -> Principal {
        Principal {
            subject: "zhang.san".to_owned(),
            party: "water".to_owned(),
            kind: PartyKind::Bureau,
            roles: vec!["clerk".to_owned()],
        }
    }

    #[test]
    fn actor_is_party_then_subject() {
        assert_eq!(
            water_clerk().actor(),
            "water/zhang.san",
            "actor should read party/subject"
        );
    }

    #[test]
    fn has_role_matches_whole_role_names_only() {
        let clerk = water_clerk();
        assert!(clerk.has_role("clerk"), "a held role should be found");
        assert!(
            !clerk.has_role("cler"),
            "a prefix of a role is not the role"
        );
        assert!(
            !clerk.has_role("signer"),
            "a role not held should not be found"
        );
    }

    #[test]
    fn is_compares_the_party_kind() {
        assert!(
            water_clerk().is(PartyKind::Bureau),
            "a bureau clerk is a bureau"
        );
        assert!(
            !water_clerk().is(PartyKind::Office),
            "a bureau clerk is not the office"
        );
    }
}
