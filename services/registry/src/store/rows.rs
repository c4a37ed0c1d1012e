//! Rows as stored, read back with `FromRow` on both backends.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// A row of `enterprises`.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow, Serialize)]
pub struct EnterpriseRow {
    pub id: String,
    pub display_name: String,
    pub credit_code: Option<String>,
    pub merge_key: String,
    pub operator_name: String,
    pub operator_phone: String,
    pub operator_id_number: String,
    pub address: String,
    pub jurisdiction: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub industry: String,
    /// A [`LifecycleState`](crate::domain::LifecycleState) code.
    pub state: String,
    /// [`Criteria`](crate::domain::Criteria) as JSON.
    pub criteria: String,
    /// A [`Category`](crate::domain::Category) code, or empty before classification.
    pub category: String,
    pub suggested_category: String,
    pub override_reason: String,
    pub rejection_reason: String,
    pub reopen_reason: String,
    pub finding_count: i32,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A row of `findings`; `body` is the [`NewFinding`](crate::domain::NewFinding) as JSON.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow, Serialize)]
pub struct FindingRow {
    pub id: String,
    pub enterprise_id: String,
    pub reporter: String,
    pub actor: String,
    pub source: String,
    pub reported_at: DateTime<Utc>,
    pub body: String,
}

/// A row of `plans`; `measures` is a list of [`MeasureDraft`](crate::domain::MeasureDraft) as JSON.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow, Serialize)]
pub struct PlanRow {
    pub enterprise_id: String,
    pub category: String,
    pub measures: String,
    pub responsible_unit: String,
    pub responsible_person: String,
    pub responsible_phone: String,
    pub deadline: String,
    pub version: i64,
    pub state: String,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// The public fields of a published plan, selected by a whitelist query.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct PublicPlanRow {
    pub enterprise_id: String,
    pub display_name: String,
    pub jurisdiction: String,
    pub category: String,
    pub measures: String,
    pub responsible_unit: String,
    pub deadline: String,
    pub published_at: Option<DateTime<Utc>>,
}

pub const PLAN_DRAFT: &str = "draft";
pub const PLAN_PUBLISHED: &str = "published";

/// Columns of `enterprises`, in `EnterpriseRow` order, for `concat!`.
macro_rules! enterprise_columns {
    () => {
        "id, display_name, credit_code, merge_key, operator_name, \
    operator_phone, operator_id_number, address, jurisdiction, latitude, longitude, industry, \
    state, criteria, category, suggested_category, override_reason, rejection_reason, \
    reopen_reason, finding_count, version, created_at, updated_at"
    };
}
pub(crate) use enterprise_columns;

/// Columns of `plans`, in `PlanRow` order, for `concat!`.
macro_rules! plan_columns {
    () => {
        "enterprise_id, category, measures, responsible_unit, \
    responsible_person, responsible_phone, deadline, version, state, published_at, updated_at"
    };
}
pub(crate) use plan_columns;
