//! Rows as stored, read back with `FromRow` on both backends. States,
//! categories and sources are typed enums, criteria, measures and finding
//! bodies typed values: a stored value that does not parse fails the read
//! (INTERNAL, logged), never turns into a default.

use chrono::{DateTime, Utc};
use rectify_campaign::Category;
use serde::{Deserialize, Serialize};

use crate::domain::{Criteria, FindingSource, LifecycleState, MeasureDraft, NewFinding};

/// The measures of a plan, stored as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Measures(pub Vec<MeasureDraft>);

/// Whether a plan is still a draft or published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanState {
    Draft,
    Published,
}

impl PlanState {
    /// Every state, draft first.
    pub const ALL: [Self; 2] = [Self::Draft, Self::Published];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

rectify_campaign::text_column!(PlanState, |s| s.code(), PlanState::from_code);
rectify_campaign::text_column!(LifecycleState, |s| s.code(), LifecycleState::from_code);
rectify_campaign::text_column!(FindingSource, |s| s.code(), FindingSource::from_code);
rectify_campaign::json_column!(Criteria);
rectify_campaign::json_column!(Measures);
rectify_campaign::json_column!(NewFinding);

/// A row of `enterprises`.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
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
    pub state: LifecycleState,
    /// Merged from every finding; stored as JSON.
    pub criteria: Criteria,
    /// `None` before classification.
    pub category: Option<Category>,
    pub suggested_category: Option<Category>,
    pub override_reason: String,
    pub rejection_reason: String,
    pub reopen_reason: String,
    pub finding_count: i32,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A row of `findings`; `body` is the finding as reported, stored as JSON.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FindingRow {
    pub id: String,
    pub enterprise_id: String,
    pub reporter: String,
    pub actor: String,
    /// Who entered it at the calling system (an import's `entered_by`); empty otherwise.
    pub entered_by: String,
    pub source: FindingSource,
    pub reported_at: DateTime<Utc>,
    pub body: NewFinding,
}

/// A row of `plans`.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct PlanRow {
    pub enterprise_id: String,
    pub category: Category,
    pub measures: Measures,
    pub responsible_unit: String,
    pub responsible_person: String,
    pub responsible_phone: String,
    pub deadline: String,
    pub version: i64,
    pub state: PlanState,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// The public fields of a published plan, selected by a whitelist query.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct PublicPlanRow {
    pub enterprise_id: String,
    pub display_name: String,
    pub jurisdiction: String,
    pub category: Category,
    pub measures: Measures,
    pub responsible_unit: String,
    pub deadline: String,
    pub published_at: Option<DateTime<Utc>>,
}

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
