//! The office's moves on an enterprise and its plan, decided without I/O:
//! the transaction script loads the rows, `apply_move` changes them or says no.

use chrono::{DateTime, NaiveDate, Utc};
use rectify_kit::{Error, Reason, Result};
use rectify_proto::registry::v1 as pb;

use super::rows::{EnterpriseRow, Measures, PlanRow, PlanState};
use crate::convert::{self, etag};
use crate::domain::{Campaign, Category, LifecycleState, MeasureDraft, Move, prefill, suggest};

/// Changes to a plan; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanEdit {
    pub measures: Option<Vec<MeasureDraft>>,
    pub responsible_unit: Option<String>,
    pub responsible_person: Option<String>,
    pub responsible_phone: Option<String>,
    pub deadline: Option<NaiveDate>,
}

/// What the office does.
#[derive(Clone, Debug, PartialEq)]
pub enum OfficeAction {
    Confirm,
    Reject { reason: String },
    Classify { category: Category, reason: String },
    UpdatePlan(PlanEdit),
    Publish,
    SignOff { note: String },
    Reopen { reason: String },
}

/// A parsed office request.
#[derive(Clone, Debug, PartialEq)]
pub struct OfficeCommand {
    pub enterprise_id: String,
    /// The etag the caller read; checked when given.
    pub etag: Option<String>,
    pub action: OfficeAction,
}

impl OfficeCommand {
    /// Plan calls answer with the plan, the others with the enterprise.
    pub fn answers_with_plan(&self) -> bool {
        matches!(
            self.action,
            OfficeAction::UpdatePlan(_) | OfficeAction::Publish
        )
    }

    fn lifecycle_move(&self) -> Move {
        match self.action {
            OfficeAction::Confirm => Move::Confirm,
            OfficeAction::Reject { .. } => Move::Reject,
            OfficeAction::Classify { .. } => Move::Classify,
            OfficeAction::UpdatePlan(_) => Move::EditPlan,
            OfficeAction::Publish => Move::Publish,
            OfficeAction::SignOff { .. } => Move::SignOff,
            OfficeAction::Reopen { .. } => Move::Reopen,
        }
    }
}

/// The answer of an office call.
#[derive(Clone, Debug, PartialEq)]
pub enum MoveAnswer {
    Enterprise(pb::Enterprise),
    Plan(pb::Plan),
}

impl MoveAnswer {
    pub fn for_command(
        command: &OfficeCommand,
        row: &EnterpriseRow,
        plan: Option<&PlanRow>,
    ) -> Self {
        match plan {
            Some(plan) if command.answers_with_plan() => MoveAnswer::Plan(convert::plan(plan)),
            _ => MoveAnswer::Enterprise(convert::enterprise(row)),
        }
    }
}

/// Applies the command to the loaded rows.
pub fn apply_move(
    campaign: &Campaign,
    command: &OfficeCommand,
    row: &mut EnterpriseRow,
    plan: &mut Option<PlanRow>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mv = command.lifecycle_move();
    let state = row.state;
    if let Some(expected) = &command.etag {
        let current = if command.answers_with_plan() {
            plan.as_ref().map(|p| etag(p.version)).unwrap_or_default()
        } else {
            etag(row.version)
        };
        if *expected != current {
            return Err(Error::stale_etag(&convert::enterprise_name(&row.id)));
        }
    }
    if !mv.permits(state) {
        return Err(Error::failed_precondition(
            Reason::WrongLifecycleState,
            format!(
                "企业当前状态为“{}”，不能{} (enterprise is {}; cannot {:?})",
                state.title_zh(),
                mv.title_zh(),
                state.code(),
                mv
            ),
        ));
    }
    match &command.action {
        OfficeAction::Confirm => {
            row.state = LifecycleState::Confirmed;
        }
        OfficeAction::Reject { reason } => {
            row.state = LifecycleState::Rejected;
            row.rejection_reason = reason.clone();
        }
        OfficeAction::Classify { category, reason } => {
            classify(campaign, row, plan, *category, reason, now)?;
        }
        OfficeAction::UpdatePlan(edit) => {
            let plan = existing_plan(plan)?;
            edit_plan(plan, edit, now);
        }
        OfficeAction::Publish => {
            let plan = existing_plan(plan)?;
            if plan.responsible_person.trim().is_empty() {
                return Err(Error::failed_precondition(
                    Reason::PlanIncomplete,
                    "整治方案须明确责任人后才能公布 (the plan needs a responsible person before it is published)",
                ));
            }
            plan.state = PlanState::Published;
            plan.published_at = Some(now);
            plan.version += 1;
            plan.updated_at = now;
            row.state = LifecycleState::Published;
        }
        OfficeAction::SignOff { .. } => {
            row.state = if row.category == Some(Category::Close) {
                LifecycleState::UnderWatch
            } else {
                LifecycleState::SignedOff
            };
        }
        OfficeAction::Reopen { reason } => {
            row.state = LifecycleState::Published;
            row.reopen_reason = reason.clone();
        }
    }
    row.version += 1;
    row.updated_at = now;
    Ok(())
}

fn existing_plan(plan: &mut Option<PlanRow>) -> Result<&mut PlanRow> {
    plan.as_mut().ok_or_else(|| {
        Error::failed_precondition(
            Reason::NoPlan,
            "企业尚未分类，没有整治方案 (the enterprise has no plan yet)",
        )
    })
}

fn classify(
    campaign: &Campaign,
    row: &mut EnterpriseRow,
    plan: &mut Option<PlanRow>,
    category: Category,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let criteria = row.criteria.clone();
    let suggestion = suggest(&criteria);
    let overriding = suggestion.category != category;
    if overriding && reason.trim().is_empty() {
        return Err(Error::invalid(
            "reason",
            format!(
                "所选分类与建议分类“{}”不同，须说明理由 (overriding the suggested category {} needs a reason)",
                suggestion.category.title_zh(),
                suggestion.category.code()
            ),
        ));
    }
    row.category = Some(category);
    row.suggested_category = Some(suggestion.category);
    row.override_reason = if overriding {
        reason.trim().to_owned()
    } else {
        String::new()
    };
    row.state = LifecycleState::Classified;
    let measures = prefill(campaign, category, &criteria, &row.jurisdiction);
    let unit = campaign
        .party(&row.jurisdiction)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| row.jurisdiction.clone());
    let previous = plan.take();
    *plan = Some(PlanRow {
        enterprise_id: row.id.clone(),
        category,
        measures: Measures(measures),
        responsible_unit: previous
            .as_ref()
            .map(|p| p.responsible_unit.clone())
            .unwrap_or(unit),
        responsible_person: previous
            .as_ref()
            .map(|p| p.responsible_person.clone())
            .unwrap_or_default(),
        responsible_phone: previous
            .as_ref()
            .map(|p| p.responsible_phone.clone())
            .unwrap_or_default(),
        deadline: campaign.milestones().complete_by.to_string(),
        version: previous.as_ref().map_or(1, |p| p.version + 1),
        state: PlanState::Draft,
        published_at: None,
        updated_at: now,
    });
    Ok(())
}

fn edit_plan(plan: &mut PlanRow, edit: &PlanEdit, now: DateTime<Utc>) {
    if let Some(measures) = &edit.measures {
        plan.measures = Measures(measures.clone());
    }
    for (slot, value) in [
        (&mut plan.responsible_unit, &edit.responsible_unit),
        (&mut plan.responsible_person, &edit.responsible_person),
        (&mut plan.responsible_phone, &edit.responsible_phone),
    ] {
        if let Some(value) = value {
            *slot = value.clone();
        }
    }
    if let Some(deadline) = edit.deadline {
        plan.deadline = deadline.to_string();
    }
    plan.version += 1;
    plan.updated_at = now;
}

/// Filters of a list of enterprises; empty strings match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnterpriseFilter {
    pub jurisdiction: String,
    pub category: String,
    pub state: String,
    pub query: String,
    /// Party code: only enterprises with a finding it reported; empty for all.
    pub reported_by: String,
}

impl EnterpriseFilter {
    /// `%query%` with LIKE's wildcards escaped, or empty.
    pub fn like_pattern(&self) -> String {
        if self.query.is_empty() {
            return String::new();
        }
        let escaped = self
            .query
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        format!("%{escaped}%")
    }

    /// Stable text for the page token's fingerprint.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}",
            self.jurisdiction, self.category, self.state, self.query, self.reported_by
        )
    }
}

/// Whom a finding is recorded as reported by: the party (the caller, or the
/// jurisdiction whose survey the office imports) and who entered it at the
/// calling system (empty for a direct report).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingReporter {
    pub party: String,
    pub entered_by: String,
}
