//! A finding (排查上报) as the registry accepts it: every field parsed.

use rectify_campaign::{CreditCode, GeoPoint, Operator};
use serde::{Deserialize, Serialize};

use super::criteria::Criteria;
use super::normalize::{Address, EnterpriseName};

/// Where a finding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingSource {
    /// 乡镇排查
    TownshipSurvey,
    /// 信访举报
    Petition,
    /// 污染源台账
    PollutionSourceLedger,
    /// 网格化监管
    GridSupervision,
    /// A bureau's own inspection.
    BureauInspection,
}

/// A parsed, valid finding, before it is merged onto an enterprise.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NewFinding {
    pub source: FindingSource,
    pub enterprise_name: EnterpriseName,
    pub credit_code: Option<CreditCode>,
    pub operator: Operator,
    pub address: Address,
    /// Party code of the jurisdiction, known to the campaign.
    pub jurisdiction: String,
    pub location: Option<GeoPoint>,
    pub industry: String,
    pub criteria: Criteria,
    pub note: String,
}
