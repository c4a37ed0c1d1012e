//! Stored rows and domain values to their protobuf shapes, and back where a
//! request carries them. Masking of personal information is not done here
//! (see `api::mask`): answers are stored whole for idempotent replays.

use rectify_proto::common::v1::GeoPoint as PbGeoPoint;
use rectify_proto::registry::v1 as pb;

use crate::domain::{Approvals, Category, Criteria, FindingSource, LifecycleState, MeasureDraft};
use crate::store::rows::{EnterpriseRow, FindingRow, PlanRow, PlanState, PublicPlanRow};

pub use rectify_kit::parse::{etag, timestamp};

pub fn enterprise_name(id: &str) -> String {
    format!("enterprises/{id}")
}

pub fn plan_name(id: &str) -> String {
    format!("enterprises/{id}/plan")
}

pub fn category_to_pb(category: Category) -> pb::Category {
    match category {
        Category::Upgrade => pb::Category::Upgrade,
        Category::Relocate => pb::Category::Relocate,
        Category::Close => pb::Category::Close,
        Category::NotTarget => pb::Category::None,
    }
}

/// A category that may not be set yet.
pub fn maybe_category_to_pb(category: Option<Category>) -> pb::Category {
    category.map_or(pb::Category::Unspecified, category_to_pb)
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

pub fn state_to_pb(state: LifecycleState) -> pb::LifecycleState {
    match state {
        LifecycleState::Reported => pb::LifecycleState::Reported,
        LifecycleState::Confirmed => pb::LifecycleState::Confirmed,
        LifecycleState::Rejected => pb::LifecycleState::Rejected,
        LifecycleState::Classified => pb::LifecycleState::Classified,
        LifecycleState::Published => pb::LifecycleState::Published,
        LifecycleState::SignedOff => pb::LifecycleState::SignedOff,
        LifecycleState::UnderWatch => pb::LifecycleState::UnderWatch,
    }
}

pub fn state_from_pb(state: pb::LifecycleState) -> Option<LifecycleState> {
    LifecycleState::ALL
        .into_iter()
        .find(|s| state_to_pb(*s) == state)
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
        state: state_to_pb(row.state) as i32,
        criteria: Some(criteria_to_pb(&row.criteria)),
        category: maybe_category_to_pb(row.category) as i32,
        suggested_category: maybe_category_to_pb(row.suggested_category) as i32,
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
    let f = &row.body;
    pb::Finding {
        name: format!("enterprises/{}/findings/{}", row.enterprise_id, row.id),
        enterprise: enterprise_name(&row.enterprise_id),
        reporter: row.reporter.clone(),
        report_time: Some(timestamp(row.reported_at)),
        source: source_to_pb(row.source) as i32,
        enterprise_name: f.enterprise_name.as_str().to_owned(),
        credit_code: f.credit_code.clone().map(String::from).unwrap_or_default(),
        operator: Some(pb::Operator {
            name: f.operator.name.clone(),
            phone: f.operator.phone.clone(),
            id_number: f.operator.id_number.clone(),
        }),
        address: f.address.as_str().to_owned(),
        jurisdiction: f.jurisdiction.clone(),
        location: f.location.map(|p| PbGeoPoint {
            latitude: p.latitude(),
            longitude: p.longitude(),
        }),
        industry: f.industry.clone(),
        criteria: Some(criteria_to_pb(&f.criteria)),
        note: f.note.clone(),
        entered_by: row.entered_by.clone(),
    }
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
        category: category_to_pb(row.category) as i32,
        measures: row.measures.0.iter().map(measure).collect(),
        responsible_unit: row.responsible_unit.clone(),
        responsible_person: row.responsible_person.clone(),
        responsible_phone: row.responsible_phone.clone(),
        deadline: row.deadline.clone(),
        version: row.version,
        state: match row.state {
            PlanState::Published => pb::PlanState::Published,
            PlanState::Draft => pb::PlanState::Draft,
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
        category: category_to_pb(row.category) as i32,
        measures: row
            .measures
            .0
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
