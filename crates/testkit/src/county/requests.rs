//! Good requests for the bureaus' own methods and the work-item steps they take in a county
//! test, each at a given instant (never after the clock) with one photo as evidence.

use chrono::{DateTime, Utc};
use rectify_kit::clock::date_cst;
use rectify_kit::parse::timestamp;
use rectify_proto::environment::v1 as environment;
use rectify_proto::land::v1 as land;
use rectify_proto::licensing::v1 as licensing;
use rectify_proto::safety::v1 as safety;
use rectify_proto::utilities::v1 as utilities;
use rectify_proto::workitems::v1 as workitems;

pub use crate::evidence::{PHOTO_SHA256, at, evidence};

/// `YYYY-MM-DD` of `at` in China Standard Time.
fn day(at: DateTime<Utc>) -> String {
    date_cst(at).to_string()
}

/// The executor reports `item` done (`WorkItemService.CompleteWorkItem`).
pub fn complete(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> workitems::CompleteWorkItemRequest {
    workitems::CompleteWorkItemRequest {
        request_id: request_id.into(),
        name: item.into(),
        etag: String::new(),
        evidence: evidence(at),
    }
}

/// The verifier confirms `item` (`WorkItemService.VerifyWorkItem`).
pub fn verify(request_id: &str, item: &str, at: DateTime<Utc>) -> workitems::VerifyWorkItemRequest {
    workitems::VerifyWorkItemRequest {
        request_id: request_id.into(),
        name: item.into(),
        etag: String::new(),
        evidence: evidence(at),
    }
}

pub fn water_cut(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> utilities::RecordWaterCutRequest {
    utilities::RecordWaterCutRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        meter_number: "0231-8877".into(),
        seal_number: "桦水封-0012".into(),
        executed_at: Some(timestamp(at)),
        evidence: evidence(at),
    }
}

pub fn power_cut(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> utilities::RecordPowerCutRequest {
    utilities::RecordPowerCutRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        account_number: "2308260012345".into(),
        meter_number: "DB-7731".into(),
        meter_reading_at_cut: "48211.3".into(),
        executed_at: Some(timestamp(at)),
        evidence: evidence(at),
    }
}

/// A clearing of `item` (materials, products or equipment): one line, sold.
pub fn clearing(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> utilities::RecordClearingRequest {
    utilities::RecordClearingRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        lines: vec![utilities::InventoryLine {
            item: "废旧塑料".into(),
            quantity: "2.5".into(),
            unit: "吨".into(),
            disposal_method: utilities::DisposalMethod::Sold as i32,
            disposal_note: String::new(),
        }],
        executed_at: Some(timestamp(at)),
        evidence: evidence(at),
    }
}

pub fn well_closure(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> utilities::RecordWellClosureRequest {
    utilities::RecordWellClosureRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        wells_closed: 1,
        method: utilities::WellClosureMethod::CementSealed as i32,
        method_note: String::new(),
        executed_at: Some(timestamp(at)),
        evidence: evidence(at),
    }
}

/// The approving bureau grants `kind` of `enterprise` on the day of `at`.
pub fn grant(
    request_id: &str,
    enterprise: &str,
    kind: licensing::ApprovalKind,
    at: DateTime<Utc>,
) -> licensing::SetApprovalRequest {
    licensing::SetApprovalRequest {
        request_id: request_id.into(),
        enterprise: enterprise.into(),
        kind: kind as i32,
        status: licensing::ApprovalStatus::Granted as i32,
        permit_number: format!("桦审〔2021〕{}号", kind as i32),
        issuer: "桦川县人民政府".into(),
        granted_on: day(at),
        evidence: evidence(at),
        ..Default::default()
    }
}

pub fn licence_revocation(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> licensing::RecordLicenceRevocationRequest {
    licensing::RecordLicenceRevocationRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        outcome: licensing::LicenceOutcome::Revoked as i32,
        decision_number: "桦市监吊字〔2021〕7号".into(),
        decided_on: day(at),
        evidence: evidence(at),
    }
}

pub fn water_permit_revocation(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> licensing::RecordWaterPermitRevocationRequest {
    licensing::RecordWaterPermitRevocationRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        decision_number: "桦水吊字〔2021〕2号".into(),
        decided_on: day(at),
        evidence: evidence(at),
    }
}

pub fn relocation_plot(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> land::RecordRelocationPlotRequest {
    land::RecordRelocationPlotRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        park_name: "桦川县工业园区".into(),
        plot_number: "B-12".into(),
        area_m2: "2800".into(),
        allocated_at: Some(timestamp(at)),
        evidence: evidence(at),
    }
}

pub fn demolition(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> land::RecordDemolitionRequest {
    land::RecordDemolitionRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        demolished_at: Some(timestamp(at)),
        floor_area_m2: "640.5".into(),
        evidence: evidence(at),
    }
}

pub fn site_remediation(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> land::RecordSiteRemediationRequest {
    land::RecordSiteRemediationRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        assessment_reference: "桦环场调〔2021〕4号".into(),
        completed_at: Some(timestamp(at)),
        evidence: evidence(at),
    }
}

/// A hazard of `level`, to be fixed by the end of the campaign.
pub fn hazard(level: safety::HazardLevel, description: &str) -> safety::Hazard {
    safety::Hazard {
        level: level as i32,
        description: description.into(),
        fix_deadline: "2021-12-31".into(),
        ..Default::default()
    }
}

/// An inspection of the `safety_check` item that found `hazards`.
pub fn inspection(
    request_id: &str,
    item: &str,
    hazards: Vec<safety::Hazard>,
    at: DateTime<Utc>,
) -> safety::RecordInspectionRequest {
    safety::RecordInspectionRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        inspected_at: Some(timestamp(at)),
        inspectors: vec!["赵磊".into()],
        evidence: evidence(at),
        hazards,
    }
}

pub fn hazard_fix(
    request_id: &str,
    hazard: &str,
    at: DateTime<Utc>,
) -> safety::RecordHazardFixRequest {
    safety::RecordHazardFixRequest {
        request_id: request_id.into(),
        hazard: hazard.into(),
        fixed_at: Some(timestamp(at)),
        evidence: evidence(at),
        note: "整改到位".into(),
    }
}

/// A COD sample on `item` measuring `measured` mg/L against the limit `limit`.
pub fn discharge_monitoring(
    request_id: &str,
    item: &str,
    (measured, limit): (&str, &str),
    at: DateTime<Utc>,
) -> environment::RecordDischargeMonitoringRequest {
    environment::RecordDischargeMonitoringRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        pollutant: "COD".into(),
        measured_value: measured.into(),
        limit: limit.into(),
        unit: environment::Unit::MgPerL as i32,
        sampled_at: Some(timestamp(at)),
    }
}

pub fn pollution_control(
    request_id: &str,
    item: &str,
    at: DateTime<Utc>,
) -> environment::RecordPollutionControlRequest {
    environment::RecordPollutionControlRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        etag: String::new(),
        facility_type: "布袋除尘器".into(),
        installed_at: Some(timestamp(at)),
        evidence: evidence(at),
    }
}

pub fn rebound_patrol(
    request_id: &str,
    item: &str,
    found_running: bool,
    at: DateTime<Utc>,
) -> environment::RecordReboundPatrolRequest {
    environment::RecordReboundPatrolRequest {
        request_id: request_id.into(),
        work_item: item.into(),
        patrolled_at: Some(timestamp(at)),
        found_running,
        evidence: evidence(at),
    }
}
