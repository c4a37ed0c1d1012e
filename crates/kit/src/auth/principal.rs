//! The authenticated caller, as the services see it once a token has been verified.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of party a caller acts for; decides which rules of access apply (DESIGN.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    /// A county bureau (water, power, eco, land, …): changes only the work items it owns.
    Bureau,
    /// A township or street: reports and reads only its own territory.
    Jurisdiction,
    /// The campaign office: classifies, plans, waives and signs off.
    Office,
    /// Another rectify service (the coordinator, a bureau service following a feed).
    Service,
    /// Supervision (the county government, discipline inspection): reads everything.
    Supervision,
}

impl PartyKind {
    /// Every kind, in declaration order.
    pub const ALL: [PartyKind; 5] = [
        PartyKind::Bureau,
        PartyKind::Jurisdiction,
        PartyKind::Office,
        PartyKind::Service,
        PartyKind::Supervision,
    ];

    /// The lowercase name used in tokens and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::Bureau => "bureau",
            PartyKind::Jurisdiction => "jurisdiction",
            PartyKind::Office => "office",
            PartyKind::Service => "service",
            PartyKind::Supervision => "supervision",
        }
    }

    /// The kind named `name` (lowercase, as [`PartyKind::as_str`] writes it), if any.
    pub fn parse(name: &str) -> Option<PartyKind> {
        PartyKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

impl fmt::Display for PartyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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

    #[test]
    fn party_kind_names_round_trip_through_serde_and_parse() {
        for kind in PartyKind::ALL {
            let json = serde_json::to_string(&kind).expect("serialize kind");
            assert_eq!(
                json,
                format!("\"{}\"", kind.as_str()),
                "serde name of {kind:?}"
            );
            let back: PartyKind = serde_json::from_str(&json).expect("deserialize kind");
            assert_eq!(back, kind, "serde round trip of {kind:?}");
            assert_eq!(
                PartyKind::parse(kind.as_str()),
                Some(kind),
                "parse of {kind:?}"
            );
        }
        assert_eq!(PartyKind::parse("Bureau"), None, "names are lowercase only");
    }
}
