//! Rows of the safety tables, every column typed: a level as its code, inspectors as JSON,
//! evidence as an encoded `rectify.workitems.v1.Evidence`. A stored value that does not parse
//! fails the read (INTERNAL, logged), never turns into a default.

use chrono::{DateTime, NaiveDate, Utc};
use prost::Message as _;
use rectify_kit::parse::timestamp;
use rectify_kit::{Error, Result};
use rectify_proto::safety::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::store::{enterprise_name, item_name};
use serde::{Deserialize, Serialize};

use crate::domain::{HazardLevel, hazard_name, inspection_name};

rectify_campaign::text_column!(HazardLevel, |l| l.code(), HazardLevel::of_code);

/// The inspectors' names, stored as a JSON array.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Inspectors(pub Vec<String>);

rectify_campaign::json_column!(Inspectors);

/// Decodes stored evidence of the row named `row`.
pub fn evidence(bytes: &[u8], row: &str) -> Result<wpb::Evidence> {
    wpb::Evidence::decode(bytes).map_err(|e| Error::corrupt("evidence", row, e))
}

/// An inspection as stored.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct StoredInspection {
    pub id: String,
    pub work_item_id: String,
    pub enterprise_id: String,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
    pub inspected_at: DateTime<Utc>,
    pub inspectors: Inspectors,
    pub evidence: Vec<u8>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// The columns of [`StoredInspection`], in its order.
pub const INSPECTION_COLUMNS: &str = "id, work_item_id, enterprise_id, enterprise_display_name, \
     jurisdiction, inspected_at, inspectors, evidence, recorded_by, recorded_at";

impl StoredInspection {
    /// The inspection as the API shows it, with `hazards`.
    pub fn to_proto(&self, hazards: &[StoredHazard]) -> Result<pb::Inspection> {
        let name = inspection_name(&self.id);
        Ok(pb::Inspection {
            evidence: Some(evidence(&self.evidence, &name)?),
            hazards: hazards
                .iter()
                .map(StoredHazard::to_proto)
                .collect::<Result<_>>()?,
            name,
            work_item: item_name(&self.work_item_id),
            enterprise: enterprise_name(&self.enterprise_id),
            enterprise_display_name: self.enterprise_display_name.clone(),
            jurisdiction: self.jurisdiction.clone(),
            inspect_time: Some(timestamp(self.inspected_at)),
            inspectors: self.inspectors.0.clone(),
            recorded_by: self.recorded_by.clone(),
            create_time: Some(timestamp(self.recorded_at)),
        })
    }
}

/// A hazard as stored, with the item and time of the inspection that found it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct StoredHazard {
    pub inspection_id: String,
    pub position: i32,
    pub enterprise_id: String,
    pub jurisdiction: String,
    pub level: HazardLevel,
    pub description: String,
    pub fix_deadline: NaiveDate,
    pub fixed_at: Option<DateTime<Utc>>,
    pub fix_evidence: Option<Vec<u8>>,
    pub fix_note: String,
    pub fixed_by: Option<String>,
    pub work_item_id: String,
    pub inspected_at: DateTime<Utc>,
}

/// The columns of [`StoredHazard`], in its order, from `hazards h JOIN inspections i`.
pub const HAZARD_COLUMNS: &str = "h.inspection_id, h.position, h.enterprise_id, h.jurisdiction, \
     h.level, h.description, h.fix_deadline, h.fixed_at, h.fix_evidence, h.fix_note, h.fixed_by, \
     i.work_item_id, i.inspected_at";

impl StoredHazard {
    /// `inspections/{id}/hazards/{n}`.
    pub fn name(&self) -> String {
        hazard_name(&self.inspection_id, self.position)
    }

    /// The hazard as the API shows it.
    pub fn to_proto(&self) -> Result<pb::Hazard> {
        let name = self.name();
        let fix_evidence = match &self.fix_evidence {
            Some(bytes) => Some(evidence(bytes, &name)?),
            None => None,
        };
        Ok(pb::Hazard {
            name,
            level: self.level.to_proto() as i32,
            description: self.description.clone(),
            fix_deadline: self.fix_deadline.to_string(),
            enterprise: enterprise_name(&self.enterprise_id),
            jurisdiction: self.jurisdiction.clone(),
            fixed: self.fixed_at.is_some(),
            fix_time: self.fixed_at.map(timestamp),
            fix_evidence,
            fix_note: self.fix_note.clone(),
        })
    }
}
