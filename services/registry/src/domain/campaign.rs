//! A campaign as data: its document, milestones, parties and measure catalog, loaded from TOML
//! (e.g. `campaigns/huachuan-2021.toml`) and checked once on load.
//!
//! Another county runs the same system with its own file; nothing here is Huachuan-specific.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use thiserror::Error;

use super::classification::Category;
use super::criteria::ApprovalKind;
use super::geo::Bounds;

/// The placeholder in the catalog for the enterprise's own jurisdiction (属地).
pub const JURISDICTION: &str = "jurisdiction";

/// A campaign whose party references, milestones and catalog have been checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CampaignFile")]
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

/// The campaign's deadlines, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestones {
    /// Survey results reported to eco and miit (排查结果报送).
    #[serde(deserialize_with = "date")]
    pub survey_due: NaiveDate,
    /// The list and 一企一策 plans published (向社会公布).
    #[serde(deserialize_with = "date")]
    pub list_published: NaiveDate,
    /// Rectification starts (全面开展规范整治).
    #[serde(deserialize_with = "date")]
    pub rectification_start: NaiveDate,
    /// Everything complete (全面完成).
    #[serde(deserialize_with = "date")]
    pub complete_by: NaiveDate,
}

/// A bureau, jurisdiction or office taking part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Stable code, e.g. `eco` or `yuelai`.
    pub code: String,
    /// Name in Chinese, e.g. 生态环境局.
    pub name: String,
    /// What kind of party.
    pub kind: PartyKind,
}

/// What kind of party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    /// A county bureau or company that owns measures.
    Bureau,
    /// A township, farm or community (属地) that surveys its territory.
    Jurisdiction,
    /// The leading group's office.
    Office,
    /// Supervision (督导).
    Supervision,
}

/// A measure a category pre-fills.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    /// The category this measure belongs to.
    pub category: Category,
    /// Stable kind of measure; the bureau service owning the kind executes it.
    pub kind: String,
    /// Title in Chinese.
    pub title: String,
    /// Owning party code, or [`JURISDICTION`]; ignored when `per_missing_approval`.
    pub owner: String,
    /// Cooperating party codes, [`JURISDICTION`] allowed.
    #[serde(default)]
    pub cooperating: Vec<String>,
    /// Whether another party must verify the work.
    #[serde(default)]
    pub needs_verification: bool,
    /// Who verifies; set exactly when `needs_verification`.
    #[serde(default)]
    pub verifier: Option<String>,
    /// Expands into one measure per missing approval, each owned by that approval's bureau.
    #[serde(default)]
    pub per_missing_approval: bool,
}

/// Why a campaign file is not accepted.
#[derive(Debug, Error)]
pub enum CampaignError {
    /// The file could not be read.
    #[error("无法读取活动配置文件 {path} (cannot read campaign file): {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The TOML is malformed or has wrong or missing fields.
    #[error("活动配置格式错误 (campaign file is malformed): {0}")]
    Malformed(String),
    /// The division code is not six digits.
    #[error("行政区划代码应为6位数字：{0} (division code must be six digits)")]
    InvalidDivisionCode(String),
    /// Two parties share a code.
    #[error("参与单位代码重复：{0} (duplicate party code)")]
    DuplicateParty(String),
    /// A party uses the reserved placeholder code.
    #[error("参与单位代码“{0}”为保留字 (party code is reserved)")]
    ReservedPartyCode(String),
    /// A catalog entry names a party that does not exist.
    #[error("措施目录“{kind}”引用了未知单位“{party}” (catalog entry refers to an unknown party)")]
    UnknownParty { kind: String, party: String },
    /// A category lists the same kind twice.
    #[error("措施目录中“{kind}”重复出现 (catalog kind appears twice in one category)")]
    DuplicateKind { kind: String },
    /// `needs_verification` and `verifier` disagree.
    #[error(
        "措施目录“{kind}”需要核验时必须指定核验单位，反之亦然 (needs_verification and verifier must be set together)"
    )]
    VerifierMismatch { kind: String },
    /// A milestone comes before the one it should follow.
    #[error("时间节点顺序错误：{later}早于{earlier} (milestone {later} is before {earlier})")]
    MilestonesOutOfOrder {
        /// The milestone that should come first.
        earlier: &'static str,
        /// The milestone that comes too early.
        later: &'static str,
    },
}

impl Campaign {
    /// Parses and checks a campaign from TOML text.
    pub fn from_toml_str(text: &str) -> Result<Campaign, CampaignError> {
        let file: CampaignFile =
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
}

/// The file as written, before the cross-field checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CampaignFile {
    code: String,
    title: String,
    document_number: String,
    division_code: String,
    milestones: Milestones,
    rebound_patrol_interval_days: u32,
    bounds: Bounds,
    parties: Vec<Party>,
    #[serde(default)]
    catalog: Vec<CatalogEntry>,
}

impl TryFrom<CampaignFile> for Campaign {
    type Error = CampaignError;

    fn try_from(file: CampaignFile) -> Result<Self, Self::Error> {
        check_division_code(&file.division_code)?;
        check_milestones(&file.milestones)?;
        check_parties(&file.parties)?;
        check_catalog(&file.catalog, &file.parties)?;
        Ok(Campaign {
            code: file.code,
            title: file.title,
            document_number: file.document_number,
            division_code: file.division_code,
            milestones: file.milestones,
            rebound_patrol_interval_days: file.rebound_patrol_interval_days,
            bounds: file.bounds,
            parties: file.parties,
            catalog: file.catalog,
        })
    }
}

/// A date written as a TOML local date (`2021-07-15`) or as a string in the same format (JSON).
fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Written::deserialize(deserializer)? {
        Written::Toml(datetime) => datetime.to_string(),
        Written::Text(text) => text,
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| {
        D::Error::custom(format!(
            "日期应为YYYY-MM-DD (date must be YYYY-MM-DD): {text}: {e}"
        ))
    })
}

fn check_division_code(code: &str) -> Result<(), CampaignError> {
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(CampaignError::InvalidDivisionCode(code.to_owned()))
    }
}

fn check_milestones(m: &Milestones) -> Result<(), CampaignError> {
    let ordered = [
        ("survey_due", m.survey_due),
        ("list_published", m.list_published),
        ("rectification_start", m.rectification_start),
        ("complete_by", m.complete_by),
    ];
    for (&(earlier, earlier_date), &(later, later_date)) in ordered.iter().zip(&ordered[1..]) {
        if later_date < earlier_date {
            return Err(CampaignError::MilestonesOutOfOrder { earlier, later });
        }
    }
    Ok(())
}

fn check_parties(parties: &[Party]) -> Result<(), CampaignError> {
    let mut seen = HashSet::new();
    for party in parties {
        if party.code == JURISDICTION {
            return Err(CampaignError::ReservedPartyCode(party.code.clone()));
        }
        if !seen.insert(party.code.as_str()) {
            return Err(CampaignError::DuplicateParty(party.code.clone()));
        }
    }
    Ok(())
}

fn check_catalog(catalog: &[CatalogEntry], parties: &[Party]) -> Result<(), CampaignError> {
    let known = |code: &str| code == JURISDICTION || parties.iter().any(|p| p.code == code);
    let mut kinds = HashSet::new();
    for entry in catalog {
        if !kinds.insert((entry.category, entry.kind.as_str())) {
            return Err(CampaignError::DuplicateKind {
                kind: entry.kind.clone(),
            });
        }
        if entry.needs_verification != entry.verifier.is_some() {
            return Err(CampaignError::VerifierMismatch {
                kind: entry.kind.clone(),
            });
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
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HUACHUAN: &str = include_str!("../../../../campaigns/huachuan-2021.toml");

    fn huachuan() -> Campaign {
        Campaign::from_toml_str(HUACHUAN).expect("the shipped Huachuan campaign loads")
    }

    #[test]
    fn the_huachuan_campaign_loads_with_the_plans_facts() {
        let c = huachuan();
        let identity = (c.code(), c.document_number(), c.division_code());
        assert_eq!(
            identity,
            ("huachuan-2021", "桦政办规〔2021〕3号", "230826"),
            "identity"
        );
        let m = c.milestones();
        let dates = [
            m.survey_due,
            m.list_published,
            m.rectification_start,
            m.complete_by,
        ];
        let expected = ["2021-07-15", "2021-07-25", "2021-07-25", "2021-12-31"];
        assert_eq!(
            dates.map(|d| d.to_string()),
            expected,
            "milestones in order"
        );
        assert_eq!(c.rebound_patrol_interval_days(), 30, "rebound interval");
        let counts = (c.parties().len(), c.jurisdictions().count());
        assert_eq!(
            counts,
            (25, 12),
            "13 bureaus and offices plus 12 jurisdictions"
        );
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
                "max_latitude = 47.4",
                "max_latitude = 46.0",
                "min_latitude is greater",
            ),
        ];
        for (from, to, expected) in cases {
            let text = HUACHUAN.replacen(from, to, 1);
            assert_ne!(text, HUACHUAN, "{from} occurs in the file");
            let error = Campaign::from_toml_str(&text).expect_err(expected);
            assert!(error.to_string().contains(expected), "{expected}: {error}");
        }
    }

    #[test]
    fn a_campaign_round_trips_through_json_with_the_same_checks() {
        let campaign = huachuan();
        let json = serde_json::to_string(&campaign).expect("serialises");
        let back: Campaign = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, campaign, "round trip");
        let bad = json.replace(
            r#""complete_by":"2021-12-31""#,
            r#""complete_by":"2021-01-01""#,
        );
        assert_ne!(bad, json, "complete_by is serialised as a date string");
        let error = serde_json::from_str::<Campaign>(&bad).expect_err("out of order");
        assert!(
            error.to_string().contains("complete_by is before"),
            "{error}"
        );
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
