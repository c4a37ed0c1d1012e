//! The kinds of party: what a campaign file declares for each party, and what a caller's token
//! says it acts for.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of party a caller acts for; decides which rules of access apply.
///
/// A campaign's parties are bureaus, jurisdictions, the office and supervision; [`PartyKind::Service`]
/// exists only in tokens, for the rectify services themselves, and a campaign file may not declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    /// A county bureau (water, power, eco, land, …): changes only the work items it owns.
    Bureau,
    /// A township, farm or community (属地): reports and reads only its own territory.
    Jurisdiction,
    /// The campaign office: classifies, plans, waives and signs off.
    Office,
    /// Another rectify service (the coordinator, a bureau service following a feed).
    Service,
    /// Supervision (督导: the county government, discipline inspection): reads everything.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_kind_names_round_trip_through_serde_parse_and_display() {
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
            assert_eq!(kind.to_string(), kind.as_str(), "display of {kind:?}");
        }
        assert_eq!(PartyKind::parse("Bureau"), None, "names are lowercase only");
    }
}
