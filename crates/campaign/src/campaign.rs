//! A campaign as data: its document, milestones, parties and measure catalog, loaded from TOML
//! (e.g. `campaigns/huachuan-2021.toml`) and checked once on load.
//!
//! Another county runs the same system with its own file; nothing here is Huachuan-specific.

mod file;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::CatalogEntry;
use crate::category::Category;
use crate::error::CampaignError;
use crate::geo::Bounds;
use crate::milestones::Milestones;
use crate::party_kind::PartyKind;
use crate::service_name::ServiceName;

/// A campaign whose party references, milestones, catalog and service owners have been checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "file::CampaignFile")]
pub struct Campaign {
    code: String,
    title: String,
    document_number: String,
    division_code: String,
    milestones: Milestones,
    rebound_patrol_interval_days: u32,
    bounds: Bounds,
    parties: Vec<Party>,
    catalog: Vec<CatalogEntry>,
}

/// A bureau, jurisdiction, office or supervisor taking part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Stable code, e.g. `eco` or `yuelai`.
    pub code: String,
    /// Name in Chinese, e.g. 生态环境局.
    pub name: String,
    /// What kind of party; never [`PartyKind::Service`].
    pub kind: PartyKind,
}

impl Campaign {
    /// Parses and checks a campaign from TOML text.
    pub fn from_toml_str(text: &str) -> Result<Campaign, CampaignError> {
        let file: file::CampaignFile =
            toml::from_str(text).map_err(|e| CampaignError::Malformed(e.to_string()))?;
        Campaign::try_from(file)
    }

    /// Reads, parses and checks a campaign file.
    pub fn load(path: impl AsRef<Path>) -> Result<Campaign, CampaignError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| CampaignError::Read {
            path: path.to_owned(),
            source,
        })?;
        Campaign::from_toml_str(&text)
    }

    /// Stable code, e.g. `huachuan-2021`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Title of the campaign.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The plan's document number, e.g. 桦政办规〔2021〕3号.
    pub fn document_number(&self) -> &str {
        &self.document_number
    }

    /// Six-digit administrative division code of the county.
    pub fn division_code(&self) -> &str {
        &self.division_code
    }

    /// The deadlines, in order.
    pub fn milestones(&self) -> &Milestones {
        &self.milestones
    }

    /// Days between rebound patrols of closed workshops.
    pub fn rebound_patrol_interval_days(&self) -> u32 {
        self.rebound_patrol_interval_days
    }

    /// GPS box of the county.
    pub fn bounds(&self) -> &Bounds {
        &self.bounds
    }

    /// Every party, in file order.
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }

    /// The whole measure catalog, in file order.
    pub fn catalog(&self) -> &[CatalogEntry] {
        &self.catalog
    }

    /// The party with this code.
    pub fn party(&self, code: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.code == code)
    }

    /// Whether the code is a jurisdiction (属地) of this campaign.
    pub fn is_jurisdiction(&self, code: &str) -> bool {
        self.party(code)
            .is_some_and(|p| p.kind == PartyKind::Jurisdiction)
    }

    /// The jurisdictions, in file order.
    pub fn jurisdictions(&self) -> impl Iterator<Item = &Party> {
        self.parties
            .iter()
            .filter(|p| p.kind == PartyKind::Jurisdiction)
    }

    /// The catalog entries a category pre-fills, in file order.
    pub fn catalog_for(&self, category: Category) -> impl Iterator<Item = &CatalogEntry> {
        self.catalog.iter().filter(move |e| e.category == category)
    }

    /// The entry of `category` that pre-fills measures of `kind`; `approval.<code>` finds the
    /// per-missing-approval entry.
    pub fn catalog_entry(&self, category: Category, kind: &str) -> Option<&CatalogEntry> {
        self.catalog_for(category).find(|e| e.covers(kind))
    }

    /// The service that executes measures of `kind`, e.g. `water_cut` or `approval.land_use`;
    /// `None` for a kind the catalog does not have. Loading made sure a kind has one service,
    /// whichever categories list it.
    pub fn service_for_kind(&self, kind: &str) -> Option<ServiceName> {
        self.catalog
            .iter()
            .find(|e| e.covers(kind))
            .map(|e| e.service)
    }

    /// Every concrete kind of measure `service` executes, approvals expanded, each once, in
    /// catalog order; empty for the registry and the coordinator.
    pub fn kinds_owned_by(&self, service: ServiceName) -> Vec<String> {
        let mut kinds: Vec<String> = Vec::new();
        for entry in self.catalog.iter().filter(|e| e.service == service) {
            for kind in entry.kinds() {
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
            }
        }
        kinds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn huachuan() -> Campaign {
        Campaign::huachuan_2021()
    }

    #[test]
    fn parties_are_looked_up_by_code_and_kind() {
        let c = huachuan();
        let cases = [
            ("eco", Some(PartyKind::Bureau), false),
            ("power", Some(PartyKind::Bureau), false),
            ("office", Some(PartyKind::Office), false),
            ("gov", Some(PartyKind::Supervision), false),
            ("yuelai", Some(PartyKind::Jurisdiction), true),
            ("shequ", Some(PartyKind::Jurisdiction), true),
            ("jurisdiction", None, false),
            ("beijing", None, false),
        ];
        for (code, kind, is_jurisdiction) in cases {
            assert_eq!(c.party(code).map(|p| p.kind), kind, "{code} kind");
            assert_eq!(
                c.is_jurisdiction(code),
                is_jurisdiction,
                "{code} jurisdiction"
            );
        }
    }

    #[test]
    fn every_category_but_none_has_a_catalog() {
        let c = huachuan();
        let cases = [
            (Category::Upgrade, 4),
            (Category::Relocate, 5),
            (Category::Close, 10),
            (Category::NotTarget, 0),
        ];
        for (category, count) in cases {
            assert_eq!(c.catalog_for(category).count(), count, "{category:?}");
        }
        let close: Vec<&str> = c
            .catalog_for(Category::Close)
            .map(|e| e.kind.as_str())
            .collect();
        assert_eq!(
            close[..5],
            [
                "water_cut",
                "power_cut",
                "clear_materials",
                "clear_products",
                "clear_equipment"
            ],
            "两断三清 first"
        );
    }

    #[test]
    fn catalog_entries_are_found_by_category_and_concrete_kind() {
        let c = huachuan();
        // (category, kind, the entry's own kind if one is found)
        let cases = [
            (Category::Close, "water_cut", Some("water_cut")),
            (Category::Upgrade, "approval.land_use", Some("approval")),
            (Category::Upgrade, "approval", None),
            (
                Category::Relocate,
                "site_remediation",
                Some("site_remediation"),
            ),
            (
                Category::Close,
                "site_remediation",
                Some("site_remediation"),
            ),
            (Category::Upgrade, "water_cut", None),
            (Category::NotTarget, "water_cut", None),
            (Category::Close, "teleport", None),
        ];
        for (category, kind, found) in cases {
            let entry = c.catalog_entry(category, kind);
            assert_eq!(entry.map(|e| e.kind.as_str()), found, "{category:?} {kind}");
            if let Some(entry) = entry {
                assert_eq!(entry.category, category, "{kind} is in {category:?}");
            }
        }
    }

    #[test]
    fn unknown_kinds_have_no_service_and_planning_services_own_no_kinds() {
        let c = huachuan();
        let unknown = ["teleport", "approval", "approval.parking", ""];
        for kind in unknown {
            assert_eq!(c.service_for_kind(kind), None, "{kind:?} has no service");
        }
        for service in [ServiceName::Registry, ServiceName::Coordinator] {
            assert!(
                c.kinds_owned_by(service).is_empty(),
                "{service} executes no measures"
            );
        }
    }

    #[test]
    fn every_kind_owned_by_a_service_maps_back_to_it_and_is_listed_once() {
        let c = huachuan();
        let mut all = Vec::new();
        for service in ServiceName::ALL {
            for kind in c.kinds_owned_by(service) {
                assert_eq!(c.service_for_kind(&kind), Some(service), "{kind}");
                assert!(!all.contains(&kind), "{kind} is owned by one service");
                all.push(kind);
            }
        }
        for entry in c.catalog() {
            for kind in entry.kinds() {
                assert!(all.contains(&kind), "{kind} is owned by some service");
            }
        }
    }

    #[test]
    fn a_campaign_round_trips_through_json_with_the_same_checks() {
        let campaign = huachuan();
        let json = serde_json::to_string(&campaign).expect("serialises");
        let back: Campaign = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, campaign, "round trip");
        let cases = [
            (
                r#""complete_by":"2021-12-31""#,
                r#""complete_by":"2021-01-01""#,
                "complete_by is before",
            ),
            (
                r#""service":"safety""#,
                r#""service":"registry""#,
                "service registry owns no measures",
            ),
        ];
        for (from, to, expected) in cases {
            let bad = json.replacen(from, to, 1);
            assert_ne!(bad, json, "{from} is serialised as written");
            let error = serde_json::from_str::<Campaign>(&bad).expect_err(expected);
            assert!(error.to_string().contains(expected), "{expected}: {error}");
        }
    }

    #[test]
    fn a_missing_file_names_its_path() {
        let error = Campaign::load("/nonexistent/campaign.toml").expect_err("missing file");
        assert!(
            error.to_string().contains("/nonexistent/campaign.toml"),
            "{error}"
        );
    }
}
