//! A campaign file as written, and the checks that turn it into a [`Campaign`]: party codes,
//! milestones, the catalog's party references and the service that executes each kind.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{Campaign, Party};
use crate::approval::ApprovalKind;
use crate::catalog::{CatalogEntry, JURISDICTION};
use crate::category::Category;
use crate::error::CampaignError;
use crate::geo::Bounds;
use crate::milestones::Milestones;
use crate::party_kind::PartyKind;
use crate::service_name::ServiceName;

/// The file as written, before the cross-field checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CampaignFile {
    code: String,
    title: String,
    document_number: String,
    division_code: String,
    milestones: Milestones,
    rebound_patrol_interval_days: u32,
    bounds: Bounds,
    parties: Vec<Party>,
    #[serde(default)]
    catalog: Vec<CatalogEntryFile>,
}

/// A `[[catalog]]` entry as written; the service is checked by name so that a missing or unknown
/// one is refused with the kind it belongs to.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogEntryFile {
    category: Category,
    kind: String,
    title: String,
    #[serde(default)]
    service: Option<String>,
    owner: String,
    #[serde(default)]
    cooperating: Vec<String>,
    #[serde(default)]
    needs_verification: bool,
    #[serde(default)]
    verifier: Option<String>,
    #[serde(default)]
    per_missing_approval: bool,
}

impl TryFrom<CampaignFile> for Campaign {
    type Error = CampaignError;

    fn try_from(file: CampaignFile) -> Result<Self, Self::Error> {
        check_division_code(&file.division_code)?;
        file.milestones.check_order()?;
        check_parties(&file.parties)?;
        let catalog = check_catalog(file.catalog, &file.parties)?;
        Ok(Campaign {
            code: file.code,
            title: file.title,
            document_number: file.document_number,
            division_code: file.division_code,
            milestones: file.milestones,
            rebound_patrol_interval_days: file.rebound_patrol_interval_days,
            bounds: file.bounds,
            parties: file.parties,
            catalog,
        })
    }
}

fn check_division_code(code: &str) -> Result<(), CampaignError> {
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(CampaignError::InvalidDivisionCode(code.to_owned()))
    }
}

fn check_parties(parties: &[Party]) -> Result<(), CampaignError> {
    let mut seen = HashSet::new();
    for party in parties {
        if party.code == JURISDICTION {
            return Err(CampaignError::ReservedPartyCode(party.code.clone()));
        }
        if party.kind == PartyKind::Service {
            return Err(CampaignError::ServiceParty(party.code.clone()));
        }
        if !seen.insert(party.code.as_str()) {
            return Err(CampaignError::DuplicateParty(party.code.clone()));
        }
    }
    Ok(())
}

fn check_catalog(
    catalog: Vec<CatalogEntryFile>,
    parties: &[Party],
) -> Result<Vec<CatalogEntry>, CampaignError> {
    let known = |code: &str| code == JURISDICTION || parties.iter().any(|p| p.code == code);
    let mut kinds = HashSet::new();
    let mut services: HashMap<String, ServiceName> = HashMap::new();
    let mut checked = Vec::with_capacity(catalog.len());
    for entry in catalog {
        if !kinds.insert((entry.category, entry.kind.clone())) {
            return Err(CampaignError::DuplicateKind { kind: entry.kind });
        }
        if entry.needs_verification != entry.verifier.is_some() {
            return Err(CampaignError::VerifierMismatch { kind: entry.kind });
        }
        let approval_owners = ApprovalKind::ALL
            .iter()
            .filter(|_| entry.per_missing_approval)
            .map(|a| a.owner_bureau());
        let referenced = std::iter::once(entry.owner.as_str())
            .chain(entry.cooperating.iter().map(String::as_str))
            .chain(entry.verifier.as_deref())
            .chain(approval_owners);
        for party in referenced {
            if !known(party) {
                return Err(CampaignError::UnknownParty {
                    kind: entry.kind.clone(),
                    party: party.to_owned(),
                });
            }
        }
        let entry = with_service(entry)?;
        for kind in entry.kinds() {
            let first = *services.entry(kind.clone()).or_insert(entry.service);
            if first != entry.service {
                return Err(CampaignError::ConflictingService {
                    kind,
                    first,
                    second: entry.service,
                });
            }
        }
        checked.push(entry);
    }
    Ok(checked)
}

/// The entry with its service resolved: present, known, and one that executes measures.
fn with_service(entry: CatalogEntryFile) -> Result<CatalogEntry, CampaignError> {
    let Some(name) = entry.service else {
        return Err(CampaignError::MissingService { kind: entry.kind });
    };
    let Some(service) = ServiceName::parse(&name) else {
        return Err(CampaignError::UnknownService {
            kind: entry.kind,
            service: name,
        });
    };
    if !service.owns_measures() {
        return Err(CampaignError::ServiceOwnsNoMeasures {
            kind: entry.kind,
            service,
        });
    }
    Ok(CatalogEntry {
        category: entry.category,
        kind: entry.kind,
        title: entry.title,
        service,
        owner: entry.owner,
        cooperating: entry.cooperating,
        needs_verification: entry.needs_verification,
        verifier: entry.verifier,
        per_missing_approval: entry.per_missing_approval,
    })
}

#[cfg(test)]
mod tests {
    use crate::{Campaign, HUACHUAN_2021};

    #[test]
    fn invalid_campaigns_are_refused_with_the_reason() {
        // (text in the Huachuan file, replaced by, expected in the error)
        let cases = [
            (
                r#"code = "police""#,
                r#"code = "eco""#,
                "参与单位代码重复：eco",
            ),
            (r#"code = "agri""#, r#"code = "jurisdiction""#, "保留字"),
            (
                r#"owner = "housing""#,
                r#"owner = "crew""#,
                "未知单位“crew”",
            ),
            (
                r#"["jurisdiction"]"#,
                r#"["yuelai", "mars"]"#,
                "未知单位“mars”",
            ),
            (r#"code = "market""#, r#"code = "samr""#, "未知单位“market”"),
            (
                "complete_by = 2021-12-31",
                "complete_by = 2021-07-01",
                "complete_by is before",
            ),
            (
                "survey_due = 2021-07-15",
                "survey_due = 2021-08-15",
                "list_published is before",
            ),
            (
                "survey_due = 2021-07-15",
                "survey_due = 2021-07-15T08:00:00",
                "YYYY-MM-DD",
            ),
            (
                r#"kind = "power_cut""#,
                r#"kind = "water_cut""#,
                "“water_cut”重复出现",
            ),
            (r#"verifier = "eco""#, "", "needs_verification and verifier"),
            (
                r#"division_code = "230826""#,
                r#"division_code = "2308""#,
                "行政区划代码",
            ),
            (
                r#"kind = "office""#,
                r#"kind = "headquarters""#,
                "campaign file is malformed",
            ),
            (
                r#"kind = "supervision""#,
                r#"kind = "service""#,
                "参与单位“gov”的类型不能为service",
            ),
            (
                "max_latitude = 47.4",
                "max_latitude = 46.0",
                "min_latitude is greater",
            ),
            (
                "service = \"safety\"\n",
                "",
                "措施目录“safety_check”未指定负责执行的服务 (catalog entry names no service)",
            ),
            (
                r#"service = "safety""#,
                r#"service = "police""#,
                "措施目录“safety_check”指定了未知服务“police”",
            ),
            (
                r#"service = "safety""#,
                r#"service = "Safety""#,
                "未知服务“Safety”",
            ),
            (
                r#"service = "safety""#,
                r#"service = "registry""#,
                "措施目录“safety_check”不能由registry服务执行",
            ),
            (
                r#"service = "safety""#,
                r#"service = "coordinator""#,
                "service coordinator owns no measures",
            ),
            (
                "title = \"完成场地修复\"\nservice = \"land\"",
                "title = \"完成场地修复\"\nservice = \"environment\"",
                "措施“site_remediation”同时指定了land和environment两个服务",
            ),
        ];
        for (from, to, expected) in cases {
            let text = HUACHUAN_2021.replacen(from, to, 1);
            assert_ne!(text, HUACHUAN_2021, "{from} occurs in the file");
            let error = Campaign::from_toml_str(&text).expect_err(expected);
            assert!(error.to_string().contains(expected), "{expected}: {error}");
        }
    }
}
