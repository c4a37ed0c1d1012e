//! Merging a finding onto the enterprise it describes, or starting a new one.

use chrono::{DateTime, Utc};

use super::rows::EnterpriseRow;
use crate::domain::{LifecycleState, NewFinding};

/// A new, time-ordered id (UUIDv7), so ids sort by creation.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The enterprise a first finding creates.
pub fn new_enterprise(
    finding: &NewFinding,
    merge_key: String,
    now: DateTime<Utc>,
) -> EnterpriseRow {
    EnterpriseRow {
        id: new_id(),
        display_name: finding.enterprise_name.as_str().to_owned(),
        credit_code: finding.credit_code.as_ref().map(|c| c.as_str().to_owned()),
        merge_key,
        operator_name: finding.operator.name.clone(),
        operator_phone: finding.operator.phone.clone(),
        operator_id_number: finding.operator.id_number.clone(),
        address: finding.address.as_str().to_owned(),
        jurisdiction: finding.jurisdiction.clone(),
        latitude: finding.location.map(|p| p.latitude()),
        longitude: finding.location.map(|p| p.longitude()),
        industry: finding.industry.clone(),
        state: LifecycleState::Reported,
        criteria: finding.criteria.clone(),
        category: None,
        suggested_category: None,
        override_reason: String::new(),
        rejection_reason: String::new(),
        reopen_reason: String::new(),
        finding_count: 1,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

fn fill(slot: &mut String, value: &str) {
    if slot.is_empty() && !value.is_empty() {
        *slot = value.to_owned();
    }
}

/// Adds a later finding: its criteria win where it assessed them; fields the
/// enterprise lacks (credit code, operator, location, industry) are filled.
pub fn merge_finding(row: &mut EnterpriseRow, finding: &NewFinding, now: DateTime<Utc>) {
    row.criteria = row.criteria.merged_with(&finding.criteria);
    if row.credit_code.is_none() {
        row.credit_code = finding.credit_code.as_ref().map(|c| c.as_str().to_owned());
    }
    fill(&mut row.operator_name, &finding.operator.name);
    fill(&mut row.operator_phone, &finding.operator.phone);
    fill(&mut row.operator_id_number, &finding.operator.id_number);
    fill(&mut row.industry, &finding.industry);
    if row.latitude.is_none() {
        row.latitude = finding.location.map(|p| p.latitude());
        row.longitude = finding.location.map(|p| p.longitude());
    }
    row.finding_count += 1;
    row.version += 1;
    row.updated_at = now;
}
