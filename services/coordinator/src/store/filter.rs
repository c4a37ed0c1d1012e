//! What a list asks for, parsed: the filters the read queries apply.

use chrono::NaiveDate;
use rectify_proto::coordinator::v1::{Completion, Flag};

/// Filters of `ListEnterpriseProgress` and `ListRebounds`.
#[derive(Clone, Debug)]
pub struct EnterpriseFilter {
    /// Party code; empty for all.
    pub jurisdiction: String,
    pub category: Option<i32>,
    pub state: Option<i32>,
    pub completion: Completion,
    pub flag: Flag,
    /// Only enterprises with a rebound figure (patrol due, suspected or reopened).
    pub rebound_any: bool,
    /// Part of the name; empty for all.
    pub query: String,
    /// Today (CST), for what is overdue or due.
    pub today: NaiveDate,
}

impl EnterpriseFilter {
    /// The filters as text, for the page token's fingerprint.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}|{:?}|{:?}|{:?}|{:?}|{}|{}|{}",
            self.jurisdiction,
            self.category,
            self.state,
            self.completion,
            self.flag,
            self.rebound_any,
            self.query,
            self.today
        )
    }
}

/// Filters of `ListOverdueItems`.
#[derive(Clone, Debug)]
pub struct ItemFilter {
    /// Party code of the executor; empty for all.
    pub executor: String,
    /// Party code; empty for all.
    pub jurisdiction: String,
    pub today: NaiveDate,
}
