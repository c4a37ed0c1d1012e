//! Stored rows and domain values to their protobuf shapes, and back where a
//! request carries them. Masking of personal information is not done here
//! (see `api::mask`): answers are stored whole for idempotent replays.

use chrono::{DateTime, Utc};
use rectify_proto::common::v1::GeoPoint as PbGeoPoint;
use rectify_proto::registry::v1 as pb;

use crate::domain::{
    Approvals, Category, Criteria, FindingSource, LifecycleState, MeasureDraft, NewFinding,
};
use crate::store::rows::{EnterpriseRow, FindingRow, PLAN_PUBLISHED, PlanRow, PublicPlanRow};

pub fn timestamp(at: DateTime<Utc>) -> prost_types::Timestamp {
    prost_types::Timestamp {
        seconds: at.timestamp(),
        nanos: at.timestamp_subsec_nanos() as i32,
    }
}

/// Strong etag of a version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

pub fn enterprise_name(id: &str) -> String {
    format!("enterprises/{id}")
}

pub fn plan_name(id: &str) -> String {
    format!("enterprises/{id}/plan")
}

pub fn category_to_pb(code: &str) -> pb::Category {
    match Category::from_code(code) {
        Some(Category::Upgrade) => pb::Category::Upgrade,
        Some(Category::Relocate) => pb::Category::Relocate,
        Some(Category::Close) => pb::Category::Close,
        Some(Category::NotTarget) => pb::Category::None,
        None => pb::Category::Unspecified,
    }
}

pub fn category_from_pb(category: pb::Category) -> Option<Category> {
    match category {
        pb::Category::Upgrade => Some(Category::Upgrade),
        pb::Category::Relocate => Some(Category::Relocate),
        pb::Category::Close => Some(Category::Close),
        pb::Category::None => Some(Category::NotTarget),
        pb::Category::Unspecified => None,
    }
}

pub fn state_to_pb(code: &str) -> pb::LifecycleState {
    match LifecycleState::from_code(code) {
        Some(LifecycleState::Reported) => pb::LifecycleState::Reported,
        Some(LifecycleState::Confirmed) => pb::LifecycleState::Confirmed,
        Some(LifecycleState::Rejected) => pb::LifecycleState::Rejected,
        Some(LifecycleState::Classified) => pb::LifecycleState::Classified,
        Some(LifecycleState::Published) => pb::LifecycleState::Published,
        Some(LifecycleState::SignedOff) => pb::LifecycleState::SignedOff,
        Some(LifecycleState::UnderWatch) => pb::LifecycleState::UnderWatch,
        None => pb::LifecycleState::Unspecified,
    }
}

pub fn state_from_pb(state: pb::LifecycleState) -> Option<LifecycleState> {
    LifecycleState::ALL
        .into_iter()
        .find(|s| state_to_pb(s.code()) == state)
}

pub fn source_to_pb(source: FindingSource) -> pb::FindingSource {
    match source {
        FindingSource::TownshipSurvey => pb::FindingSource::TownshipSurvey,
        FindingSource::Petition => pb::FindingSource::Petition,
        FindingSource::PollutionSourceLedger => pb::FindingSource::PollutionSourceLedger,
        FindingSource::GridSupervision => pb::FindingSource::GridSupervision,
        FindingSource::BureauInspection => pb::FindingSource::BureauInspection,
    }
}

pub fn source_from_pb(source: pb::FindingSource) -> Option<FindingSource> {
    match source {
        pb::FindingSource::TownshipSurvey => Some(FindingSource::TownshipSurvey),
        pb::FindingSource::Petition => Some(FindingSource::Petition),
        pb::FindingSource::PollutionSourceLedger => Some(FindingSource::PollutionSourceLedger),
        pb::FindingSource::GridSupervision => Some(FindingSource::GridSupervision),
        pb::FindingSource::BureauInspection => Some(FindingSource::BureauInspection),
        pb::FindingSource::Unspecified => None,
    }
}

pub fn criteria_from_pb(c: &pb::Criteria) -> Criteria {
    let a = c.approvals.unwrap_or_default();
    Criteria {
        conforms_national_policy: c.conforms_national_policy,
        conforms_local_layout: c.conforms_local_layout,
        conforms_land_use_plan: c.conforms_land_use_plan,
        conforms_urban_rural_plan: c.conforms_urban_rural_plan,
        in_industrial_park: c.in_industrial_park,
        below_designated_size: c.below_designated_size,
        approvals: Approvals {
            miit_filing: a.miit_filing,
            ndrc_project: a.ndrc_project,
            land_use: a.land_use,
            environmental: a.environmental,
            business_licence: a.business_licence,
            safety: a.safety,
            water_intake: a.water_intake,
        },
        pollution_control_installed: c.pollution_control_installed,
        pollution_control_complete: c.pollution_control_complete,
        collects_effectively: c.collects_effectively,
        severe_fugitive_emissions: c.severe_fugitive_emissions,
        can_meet_discharge_standards: c.can_meet_discharge_standards,
        long_term_pollution: c.long_term_pollution,
        strong_public_complaints: c.strong_public_complaints,
        remediation_hopeless: c.remediation_hopeless,
        willing_to_relocate: c.willing_to_relocate,
    }
}

pub fn criteria_to_pb(c: &Criteria) -> pb::Criteria {
    let a = &c.approvals;
    pb::Criteria {
        conforms_national_policy: c.conforms_national_policy,
        conforms_local_layout: c.conforms_local_layout,
        conforms_land_use_plan: c.conforms_land_use_plan,
        conforms_urban_rural_plan: c.conforms_urban_rural_plan,
        in_industrial_park: c.in_industrial_park,
        below_designated_size: c.below_designated_size,
        approvals: Some(pb::Approvals {
            miit_filing: a.miit_filing,
            ndrc_project: a.ndrc_project,
            land_use: a.land_use,
            environmental: a.environmental,
            business_licence: a.business_licence,
            safety: a.safety,
            water_intake: a.water_intake,
        }),
        pollution_control_installed: c.pollution_control_installed,
        pollution_control_complete: c.pollution_control_complete,
        collects_effectively: c.collects_effectively,
        severe_fugitive_emissions: c.severe_fugitive_emissions,
        can_meet_discharge_standards: c.can_meet_discharge_standards,
        long_term_pollution: c.long_term_pollution,
        strong_public_complaints: c.strong_public_complaints,
        remediation_hopeless: c.remediation_hopeless,
        willing_to_relocate: c.willing_to_relocate,
    }
}

/// Criteria stored as JSON; a row this service wrote always parses.
pub fn stored_criteria(json: &str) -> Criteria {
    serde_json::from_str(json).unwrap_or_default()
}

pub fn stored_measures(json: &str) -> Vec<MeasureDraft> {
    serde_json::from_str(json).unwrap_or_default()
}

pub fn enterprise(row: &EnterpriseRow) -> pb::Enterprise {
    pb::Enterprise {
        name: enterprise_name(&row.id),
        display_name: row.display_name.clone(),
        credit_code: row.credit_code.clone().unwrap_or_default(),
        operator: Some(pb::Operator {
            name: row.operator_name.clone(),
            phone: row.operator_phone.clone(),
            id_number: row.operator_id_number.clone(),
        }),
        address: row.address.clone(),
        jurisdiction: row.jurisdiction.clone(),
        location: row
            .latitude
            .zip(row.longitude)
            .map(|(latitude, longitude)| PbGeoPoint {
                latitude,
                longitude,
            }),
        industry: row.industry.clone(),
        state: state_to_pb(&row.state) as i32,
        criteria: Some(criteria_to_pb(&stored_criteria(&row.criteria))),
        category: category_to_pb(&row.category) as i32,
        suggested_category: category_to_pb(&row.suggested_category) as i32,
        override_reason: row.override_reason.clone(),
        rejection_reason: row.rejection_reason.clone(),
        finding_count: row.finding_count,
        create_time: Some(timestamp(row.created_at)),
        update_time: Some(timestamp(row.updated_at)),
        etag: etag(row.version),
        reopen_reason: row.reopen_reason.clone(),
    }
}

pub fn finding(row: &FindingRow) -> pb::Finding {
    let body: Option<NewFinding> = serde_json::from_str(&row.body).ok();
    let mut out = pb::Finding {
        name: format!("enterprises/{}/findings/{}", row.enterprise_id, row.id),
        enterprise: enterprise_name(&row.enterprise_id),
        reporter: row.reporter.clone(),
        report_time: Some(timestamp(row.reported_at)),
        ..Default::default()
    };
    if let Some(f) = body {
        out.source = source_to_pb(f.source) as i32;
        out.enterprise_name = f.enterprise_name.as_str().to_owned();
        out.credit_code = f.credit_code.map(String::from).unwrap_or_default();
        out.operator = Some(pb::Operator {
            name: f.operator.name,
            phone: f.operator.phone,
            id_number: f.operator.id_number,
        });
        out.address = f.address.as_str().to_owned();
        out.jurisdiction = f.jurisdiction;
        out.location = f.location.map(|p| PbGeoPoint {
            latitude: p.latitude(),
            longitude: p.longitude(),
        });
        out.industry = f.industry;
        out.criteria = Some(criteria_to_pb(&f.criteria));
        out.note = f.note;
    }
    out
}

pub fn measure(m: &MeasureDraft) -> pb::Measure {
    pb::Measure {
        id: m.id.clone(),
        kind: m.kind.clone(),
        title: m.title.clone(),
        owner: m.owner.clone(),
        cooperating: m.cooperating.clone(),
        deadline: m.deadline.to_string(),
        needs_verification: m.needs_verification,
        verifier: m.verifier.clone().unwrap_or_default(),
    }
}

pub fn plan(row: &PlanRow) -> pb::Plan {
    pb::Plan {
        name: plan_name(&row.enterprise_id),
        category: category_to_pb(&row.category) as i32,
        measures: stored_measures(&row.measures).iter().map(measure).collect(),
        responsible_unit: row.responsible_unit.clone(),
        responsible_person: row.responsible_person.clone(),
        responsible_phone: row.responsible_phone.clone(),
        deadline: row.deadline.clone(),
        version: row.version,
        state: if row.state == PLAN_PUBLISHED {
            pb::PlanState::Published
        } else {
            pb::PlanState::Draft
        } as i32,
        publish_time: row.published_at.map(timestamp),
        update_time: Some(timestamp(row.updated_at)),
        etag: etag(row.version),
    }
}

pub fn public_plan(row: &PublicPlanRow) -> pb::PublicPlan {
    pb::PublicPlan {
        enterprise_name: row.display_name.clone(),
        jurisdiction: row.jurisdiction.clone(),
        category: category_to_pb(&row.category) as i32,
        measures: stored_measures(&row.measures)
            .iter()
            .map(|m| pb::PublicMeasure {
                title: m.title.clone(),
                owner: m.owner.clone(),
                deadline: m.deadline.to_string(),
            })
            .collect(),
        responsible_unit: row.responsible_unit.clone(),
        deadline: row.deadline.clone(),
        publish_time: row.published_at.map(timestamp),
    }
}
