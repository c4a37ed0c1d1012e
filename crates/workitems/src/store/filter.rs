//! What `ListWorkItems` selects.

use chrono::NaiveDate;

use super::columns::StateCode;

/// Filters of a list of work items; empty strings and `None` match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemFilter {
    /// Party code of the executor.
    pub executor: String,
    /// Party code of the enterprise's jurisdiction.
    pub jurisdiction: String,
    /// The registry's id of the enterprise.
    pub enterprise_id: String,
    pub state: Option<StateCode>,
    pub kind: String,
    /// Only items overdue on this date (CST): deadline before it, not complete, not cancelled.
    pub overdue_on: Option<NaiveDate>,
}

impl ItemFilter {
    /// Stable text for the page token's fingerprint. The overdue date is left out, so that a
    /// listing begun before midnight may continue after it.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}|{}",
            self.executor,
            self.jurisdiction,
            self.enterprise_id,
            self.state.map(StateCode::code).unwrap_or_default(),
            self.kind,
            self.overdue_on.is_some()
        )
    }
}
