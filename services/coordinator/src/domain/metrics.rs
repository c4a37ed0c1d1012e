//! The counters behind every summary, kept incrementally: an enterprise's or an item's status
//! is a set of metrics (`complete` = 1, `due:2021-12-31` = 1, `measures` = 6, …); a change adds
//! the difference between the metrics before and after to the counters of each scope the row
//! belongs to. Summaries then read a handful of counter rows; figures that depend on today
//! (overdue, patrols due) sum the dated metrics before today.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::status::{Item, Status};

/// Metric name → value.
pub type Metrics = BTreeMap<String, i64>;

/// Which counters a row counts in: the whole campaign, a jurisdiction, a category, or the
/// executing party (a bureau, or a jurisdiction executing its own measures).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    All,
    Jurisdiction(String),
    Category(String),
    Bureau(String),
}

impl Scope {
    /// The stored `(scope, scope_key)`.
    pub fn key(&self) -> (&'static str, &str) {
        match self {
            Scope::All => (ALL, ""),
            Scope::Jurisdiction(k) => (JURISDICTION, k),
            Scope::Category(k) => (CATEGORY, k),
            Scope::Bureau(k) => (BUREAU, k),
        }
    }
}

pub const ALL: &str = "all";
pub const JURISDICTION: &str = "jurisdiction";
pub const CATEGORY: &str = "category";
pub const BUREAU: &str = "bureau";

/// Metric names.
pub mod name {
    pub const ENTERPRISES: &str = "enterprises";
    pub const STATE: &str = "state:";
    pub const PLANNED: &str = "planned";
    pub const COMPLETE: &str = "complete";
    pub const READY: &str = "ready";
    pub const SIGNED_OFF: &str = "signed_off";
    pub const DUE: &str = "due:";
    pub const MEASURES: &str = "measures";
    pub const MEASURES_COMPLETE: &str = "measures_complete";
    pub const LATE: &str = "late";
    pub const DISCREPANCY: &str = "discrepancy";
    pub const PATROL_DUE: &str = "patrol_due:";
    pub const SUSPECTED: &str = "suspected";
    pub const REOPENED: &str = "reopened";
    pub const ITEMS: &str = "items";
    pub const ITEMS_COMPLETE: &str = "items_complete";
    pub const ITEMS_OPEN: &str = "items_open";
    pub const ITEMS_BLOCKED: &str = "items_blocked";
    pub const OPEN_DUE: &str = "open_due:";
    pub const ACTED: &str = "acted:";
}

fn flag(metrics: &mut Metrics, metric: &str, on: bool) {
    if on {
        metrics.insert(metric.to_owned(), 1);
    }
}

/// What an enterprise counts for. `state` is its lifecycle number; `signed_off` and
/// `planned` (a published plan) derive from it; `reopened` from its reopen count.
pub fn enterprise_metrics(status: &Status, state: i32, reopened: bool) -> Metrics {
    use rectify_proto::registry::v1::LifecycleState as L;
    let mut m = Metrics::new();
    if !status.known {
        return m;
    }
    m.insert(name::ENTERPRISES.to_owned(), 1);
    m.insert(format!("{}{state}", name::STATE), 1);
    let signed = state == L::SignedOff as i32 || state == L::UnderWatch as i32;
    flag(
        &mut m,
        name::PLANNED,
        signed || state == L::Published as i32,
    );
    flag(&mut m, name::SIGNED_OFF, signed);
    flag(&mut m, name::COMPLETE, status.complete);
    flag(&mut m, name::READY, status.ready);
    if let Some(due) = status.due {
        m.insert(format!("{}{due}", name::DUE), 1);
    }
    if status.measures > 0 {
        m.insert(name::MEASURES.to_owned(), i64::from(status.measures));
        m.insert(
            name::MEASURES_COMPLETE.to_owned(),
            i64::from(status.measures_complete),
        );
    }
    flag(&mut m, name::LATE, status.reported_late);
    flag(&mut m, name::DISCREPANCY, status.discrepancy);
    if let Some(due) = status.patrol_due {
        m.insert(format!("{}{due}", name::PATROL_DUE), 1);
    }
    flag(&mut m, name::SUSPECTED, status.suspected);
    flag(&mut m, name::REOPENED, reopened);
    m
}

/// What a work item counts for: every item but a cancelled one; complete, open, blocked; open
/// items by deadline; done items by whole days from creation to done.
pub fn item_metrics(item: &Item) -> Metrics {
    use rectify_proto::workitems::v1::State;
    let mut m = Metrics::new();
    if item.state == State::Cancelled as i32 {
        return m;
    }
    m.insert(name::ITEMS.to_owned(), 1);
    let complete = item.is_complete(item.needs_verification);
    flag(&mut m, name::ITEMS_COMPLETE, complete);
    flag(&mut m, name::ITEMS_OPEN, !complete);
    flag(
        &mut m,
        name::ITEMS_BLOCKED,
        item.state == State::Blocked as i32,
    );
    if !complete {
        m.insert(format!("{}{}", name::OPEN_DUE, item.deadline), 1);
    }
    let acted = item.state == State::Done as i32 || item.state == State::Verified as i32;
    if let (true, Some(done)) = (acted, item.done_at) {
        let days = (done - item.created_at).num_days().max(0);
        m.insert(format!("{}{days}", name::ACTED), 1);
    }
    m
}

/// `after - before`, metric by metric, zeros left out.
pub fn difference(before: &Metrics, after: &Metrics) -> Metrics {
    let mut out = Metrics::new();
    for (metric, value) in after {
        let delta = value - before.get(metric).copied().unwrap_or(0);
        if delta != 0 {
            out.insert(metric.clone(), delta);
        }
    }
    for (metric, value) in before {
        if !after.contains_key(metric) {
            out.insert(metric.clone(), -value);
        }
    }
    out
}

/// Each (scope, metric, delta) to add, in one order (scope, then metric) so that concurrent
/// writers lock counter rows in the same order and never deadlock.
pub fn deltas(
    before: (&[Scope], &Metrics),
    after: (&[Scope], &Metrics),
) -> Vec<(Scope, String, i64)> {
    let mut out: BTreeMap<(Scope, String), i64> = BTreeMap::new();
    for scope in before.0 {
        for (metric, value) in before.1 {
            *out.entry((scope.clone(), metric.clone())).or_default() -= value;
        }
    }
    for scope in after.0 {
        for (metric, value) in after.1 {
            *out.entry((scope.clone(), metric.clone())).or_default() += value;
        }
    }
    out.into_iter()
        .filter(|(_, delta)| *delta != 0)
        .map(|((scope, metric), delta)| (scope, metric, delta))
        .collect()
}

/// The counters of one scope key, summed as a summary needs them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub counters: Metrics,
}

impl Figures {
    pub fn get(&self, metric: &str) -> i64 {
        self.counters.get(metric).copied().unwrap_or(0)
    }

    /// Sum of the dated metrics `prefix{date}` whose date satisfies `when`.
    pub fn dated(&self, prefix: &str, when: impl Fn(NaiveDate) -> bool) -> i64 {
        self.counters
            .iter()
            .filter_map(|(metric, value)| {
                let date = metric.strip_prefix(prefix)?;
                let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
                when(date).then_some(*value)
            })
            .sum()
    }

    /// Per lifecycle state number, its count (zero counts left out).
    pub fn states(&self) -> Vec<(i32, i64)> {
        self.counters
            .iter()
            .filter_map(|(metric, value)| {
                let state = metric.strip_prefix(name::STATE)?.parse().ok()?;
                (*value != 0).then_some((state, *value))
            })
            .collect()
    }

    /// The median of the `acted:{days}` histogram; 0 when empty.
    pub fn median_days_to_act(&self) -> f64 {
        let mut histogram: Vec<(i64, i64)> = self
            .counters
            .iter()
            .filter_map(|(metric, count)| {
                let days = metric.strip_prefix(name::ACTED)?.parse().ok()?;
                (*count > 0).then_some((days, *count))
            })
            .collect();
        histogram.sort_unstable();
        median(&histogram)
    }
}

/// The median of a histogram of (value, count), sorted by value.
fn median(histogram: &[(i64, i64)]) -> f64 {
    let total: i64 = histogram.iter().map(|(_, c)| c).sum();
    if total == 0 {
        return 0.0;
    }
    // The values at positions (total-1)/2 and total/2 (0-based), averaged.
    let nth = |n: i64| {
        let mut seen = 0;
        for (value, count) in histogram {
            seen += count;
            if n < seen {
                return *value;
            }
        }
        histogram.last().map_or(0, |(v, _)| *v)
    };
    #[allow(clippy::cast_precision_loss)]
    let m = (nth((total - 1) / 2) + nth(total / 2)) as f64 / 2.0;
    m
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use rectify_proto::workitems::v1::State;

    use super::*;

    fn m(pairs: &[(&str, i64)]) -> Metrics {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    }

    #[test]
    fn a_change_adds_only_its_difference() {
        let before = m(&[("complete", 0), ("due:2021-12-31", 1), ("measures", 6)]);
        let after = m(&[("complete", 1), ("measures", 6), ("measures_complete", 6)]);
        assert_eq!(
            difference(&before, &after),
            m(&[
                ("complete", 1),
                ("due:2021-12-31", -1),
                ("measures_complete", 6)
            ])
        );
    }

    #[test]
    fn a_row_moving_jurisdiction_leaves_one_counter_and_joins_the_other() {
        let metrics = m(&[("enterprises", 1)]);
        let before = [Scope::All, Scope::Jurisdiction("yuelai".into())];
        let after = [Scope::All, Scope::Jurisdiction("donghe".into())];
        let d = deltas((&before, &metrics), (&after, &metrics));
        assert_eq!(
            d,
            vec![
                (
                    Scope::Jurisdiction("donghe".into()),
                    "enterprises".into(),
                    1
                ),
                (
                    Scope::Jurisdiction("yuelai".into()),
                    "enterprises".into(),
                    -1
                ),
            ],
            "the overall counter is untouched, the order fixed"
        );
    }

    #[test]
    fn overdue_figures_sum_the_dates_before_today() {
        let f = Figures {
            counters: m(&[
                ("due:2021-09-30", 2),
                ("due:2021-12-31", 3),
                ("complete", 4),
            ]),
        };
        let today = NaiveDate::from_ymd_opt(2021, 10, 1).expect("date");
        assert_eq!(f.dated(name::DUE, |d| d < today), 2);
        assert_eq!(f.dated(name::DUE, |_| true), 5);
    }

    #[test]
    fn the_median_of_days_to_act_reads_the_histogram() {
        let f = |pairs: &[(&str, i64)]| Figures { counters: m(pairs) }.median_days_to_act();
        assert!((f(&[]) - 0.0).abs() < f64::EPSILON, "no items");
        assert!((f(&[("acted:3", 1)]) - 3.0).abs() < f64::EPSILON);
        assert!((f(&[("acted:2", 1), ("acted:10", 1)]) - 6.0).abs() < f64::EPSILON);
        assert!((f(&[("acted:2", 2), ("acted:10", 1)]) - 2.0).abs() < f64::EPSILON);
    }

    #[test]
    fn an_item_counts_open_by_deadline_and_done_by_days_taken() {
        let at = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .expect("t")
                .with_timezone(&Utc)
        };
        let mut item = Item {
            service: "utilities".into(),
            name: "workItems/w".into(),
            enterprise_id: "e".into(),
            jurisdiction: "yuelai".into(),
            measure_id: "m1".into(),
            round: 1,
            kind: "water_cut".into(),
            executor: "water".into(),
            deadline: NaiveDate::from_ymd_opt(2021, 9, 30).expect("date"),
            state: State::Pending as i32,
            needs_verification: true,
            created_at: at("2021-08-01T09:00:00+08:00"),
            done_at: None,
        };
        assert_eq!(
            item_metrics(&item),
            m(&[("items", 1), ("items_open", 1), ("open_due:2021-09-30", 1)])
        );
        item.state = State::Verified as i32;
        item.done_at = Some(at("2021-08-11T10:00:00+08:00"));
        assert_eq!(
            item_metrics(&item),
            m(&[("acted:10", 1), ("items", 1), ("items_complete", 1)])
        );
        item.state = State::Cancelled as i32;
        assert!(
            item_metrics(&item).is_empty(),
            "a cancelled item counts for nothing"
        );
    }
}
