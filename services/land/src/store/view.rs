//! An enterprise's land record as read back ([`LandView`]) and as the API shows it; the rows it
//! is read from; what `ListLandRecords` selects ([`LandFilter`]).

use chrono::{DateTime, Utc};
use rectify_campaign::Decimal3;
use rectify_kit::Result;
use rectify_kit::parse::{resource_id, timestamp};
use rectify_proto::land::v1 as pb;
use rectify_workitems::store::{enterprise_name, item_name};

use crate::domain::{Conformity, Demolition, RelocationPlot, SiteRemediation};

rectify_campaign::text_column!(Conformity, |c| c.code(), Conformity::of_code);

/// `enterprises/{id}/landRecord`.
pub fn record_name(enterprise_id: &str) -> String {
    format!("{}/landRecord", enterprise_name(enterprise_id))
}

/// The enterprise id of the land record `name` (`enterprises/{id}/landRecord`).
pub fn record_id(name: &str) -> Result<String> {
    resource_id(name.trim(), "enterprises", "/landRecord", "name")
}

/// The enterprise a land record is about.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Header {
    pub enterprise_id: String,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
    pub updated_at: DateTime<Utc>,
}

/// One planning finding as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct FindingRow {
    pub land_use_plan: Conformity,
    pub urban_rural_plan: Conformity,
    pub reference: String,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// The latest plot recorded.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct PlotRow {
    pub work_item_id: String,
    pub park_name: String,
    pub plot_number: String,
    pub area: Decimal3,
    pub allocated_at: DateTime<Utc>,
    pub recorded_by: String,
}

/// The latest demolition recorded.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DemolitionRow {
    pub work_item_id: String,
    pub demolished_at: DateTime<Utc>,
    pub floor_area: Decimal3,
    pub recorded_by: String,
}

/// The latest remediation recorded.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct RemediationRow {
    pub work_item_id: String,
    pub assessment_reference: String,
    pub completed_at: DateTime<Utc>,
    pub recorded_by: String,
}

/// An enterprise's land record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LandView {
    pub header: Header,
    pub plot: Option<PlotRow>,
    pub demolition: Option<DemolitionRow>,
    pub remediation: Option<RemediationRow>,
    /// Oldest first.
    pub findings: Vec<FindingRow>,
}

impl LandView {
    /// As the API shows it.
    pub fn to_proto(&self) -> pb::LandRecord {
        let h = &self.header;
        pb::LandRecord {
            name: record_name(&h.enterprise_id),
            enterprise: enterprise_name(&h.enterprise_id),
            enterprise_display_name: h.enterprise_display_name.clone(),
            jurisdiction: h.jurisdiction.clone(),
            relocation_plot: self.plot.as_ref().map(PlotRow::to_proto),
            demolition: self.demolition.as_ref().map(DemolitionRow::to_proto),
            site_remediation: self.remediation.as_ref().map(RemediationRow::to_proto),
            planning_findings: self.findings.iter().map(FindingRow::to_proto).collect(),
            update_time: Some(timestamp(h.updated_at)),
        }
    }
}

impl FindingRow {
    /// As the API shows it.
    pub fn to_proto(&self) -> pb::PlanningFinding {
        pb::PlanningFinding {
            land_use_plan: self.land_use_plan.to_proto() as i32,
            urban_rural_plan: self.urban_rural_plan.to_proto() as i32,
            reference: self.reference.clone(),
            note: self.note.clone(),
            recorded_by: self.recorded_by.clone(),
            record_time: Some(timestamp(self.recorded_at)),
        }
    }
}

impl PlotRow {
    /// As the API shows it.
    pub fn to_proto(&self) -> pb::RelocationPlot {
        pb::RelocationPlot {
            work_item: item_name(&self.work_item_id),
            park_name: self.park_name.clone(),
            plot_number: self.plot_number.clone(),
            area_m2: self.area.to_string(),
            allocated_at: Some(timestamp(self.allocated_at)),
            recorded_by: self.recorded_by.clone(),
        }
    }

    /// The row `plot`, completing item `work_item_id`, is stored as.
    pub fn of(work_item_id: &str, plot: &RelocationPlot, recorded_by: &str) -> PlotRow {
        PlotRow {
            work_item_id: work_item_id.to_owned(),
            park_name: plot.park_name.clone(),
            plot_number: plot.plot_number.clone(),
            area: plot.area.value(),
            allocated_at: super::stored(plot.allocated_at),
            recorded_by: recorded_by.to_owned(),
        }
    }
}

impl DemolitionRow {
    /// As the API shows it.
    pub fn to_proto(&self) -> pb::Demolition {
        pb::Demolition {
            work_item: item_name(&self.work_item_id),
            demolished_at: Some(timestamp(self.demolished_at)),
            floor_area_m2: self.floor_area.to_string(),
            recorded_by: self.recorded_by.clone(),
        }
    }

    /// The row `demolition`, completing item `work_item_id`, is stored as.
    pub fn of(work_item_id: &str, demolition: &Demolition, recorded_by: &str) -> DemolitionRow {
        DemolitionRow {
            work_item_id: work_item_id.to_owned(),
            demolished_at: super::stored(demolition.demolished_at),
            floor_area: demolition.floor_area.value(),
            recorded_by: recorded_by.to_owned(),
        }
    }
}

impl RemediationRow {
    /// As the API shows it.
    pub fn to_proto(&self) -> pb::SiteRemediation {
        pb::SiteRemediation {
            work_item: item_name(&self.work_item_id),
            assessment_reference: self.assessment_reference.clone(),
            completed_at: Some(timestamp(self.completed_at)),
            recorded_by: self.recorded_by.clone(),
        }
    }

    /// The row `remediation`, completing item `work_item_id`, is stored as.
    pub fn of(
        work_item_id: &str,
        remediation: &SiteRemediation,
        recorded_by: &str,
    ) -> RemediationRow {
        RemediationRow {
            work_item_id: work_item_id.to_owned(),
            assessment_reference: remediation.assessment_reference.clone(),
            completed_at: super::stored(remediation.completed_at),
            recorded_by: recorded_by.to_owned(),
        }
    }
}

/// Filters of a list of land records; empty strings and `false` match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LandFilter {
    /// Party code of the enterprise's jurisdiction.
    pub jurisdiction: String,
    pub nonconforming_only: bool,
}

impl LandFilter {
    /// Stable text for the page token's fingerprint.
    pub fn fingerprint(&self) -> String {
        format!("{}|{}", self.jurisdiction, self.nonconforming_only)
    }
}
