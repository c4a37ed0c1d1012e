//! When a closed enterprise is due for a rebound patrol: the campaign's interval after its
//! last patrol (or after its patrol item was created, before any patrol), or at once when a
//! rebound was suspected since the last patrol.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rectify_kit::clock::date_cst;

/// Whether and since when a patrol is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueState {
    /// The date (CST) the patrol is due.
    pub due_on: NaiveDate,
    /// A rebound suspected since the last patrol made it due.
    pub suspected: bool,
}

impl DueState {
    /// Due on `today` (or earlier).
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.due_on <= today
    }

    /// Due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.due_on < today
    }
}

/// The due state of an enterprise whose patrol item was created at `created`, last patrolled
/// at `last_patrol`, with its latest rebound suspicion at `suspected`, patrolled every
/// `interval_days`.
pub fn due_state(
    created: DateTime<Utc>,
    last_patrol: Option<DateTime<Utc>>,
    suspected: Option<DateTime<Utc>>,
    interval_days: u32,
) -> DueState {
    let since = last_patrol.unwrap_or(created);
    let regular = date_cst(since)
        .checked_add_days(Days::new(u64::from(interval_days)))
        .unwrap_or(NaiveDate::MAX);
    match suspected {
        Some(at) if last_patrol.is_none_or(|last| at > last) => DueState {
            due_on: date_cst(at).min(regular),
            suspected: true,
        },
        _ => DueState {
            due_on: regular,
            suspected: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use rectify_kit::clock::instant as at;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("valid date")
    }

    #[test]
    fn a_patrol_is_due_an_interval_after_the_last_or_at_once_on_a_suspicion() {
        let created = at("2021-10-01T10:00:00+08:00");
        let patrolled = at("2021-10-10T10:00:00+08:00");
        let cases = [
            (
                None,
                None,
                "2021-10-31",
                false,
                "never patrolled: 30 days after the item",
            ),
            (
                Some(patrolled),
                None,
                "2021-11-09",
                false,
                "30 days after the last patrol",
            ),
            (
                Some(patrolled),
                Some(at("2021-10-12T08:00:00+08:00")),
                "2021-10-12",
                true,
                "suspected after the patrol: due that day",
            ),
            (
                Some(patrolled),
                Some(at("2021-10-09T08:00:00+08:00")),
                "2021-11-09",
                false,
                "suspected before the patrol: the patrol answered it",
            ),
        ];
        for (last, suspected, due_on, was_suspected, why) in cases {
            let state = due_state(created, last, suspected, 30);
            assert_eq!(state.due_on, date(due_on), "{why}");
            assert_eq!(state.suspected, was_suspected, "{why}");
        }
        let state = due_state(created, None, None, 30);
        assert!(!state.is_due(date("2021-10-30")) && state.is_due(date("2021-10-31")));
        assert!(state.is_overdue(date("2021-11-01")) && !state.is_overdue(date("2021-10-31")));
    }
}
