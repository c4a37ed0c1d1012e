//! Standing orders: after a recorded cut the supply stays cut (不得恢复供水 / 供电). A report that
//! it was found restored breaks the order; the cut's work item is left as it is, because a
//! rebound is the office's call (it reopens the enterprise, which starts a new round with a new
//! cut and a new order).

use chrono::{DateTime, Utc};
use rectify_workitems::domain::Note;
use thiserror::Error;

/// Which supply was cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Utility {
    /// 断水, by the water bureau.
    Water,
    /// 断电, by the power company.
    Power,
}

impl Utility {
    /// The work-item kind whose completion starts the order.
    pub fn cut_kind(self) -> &'static str {
        match self {
            Utility::Water => "water_cut",
            Utility::Power => "power_cut",
        }
    }

    /// The supply cut by items of `kind`, if it is a cut.
    pub fn of_kind(kind: &str) -> Option<Utility> {
        [Utility::Water, Utility::Power]
            .into_iter()
            .find(|utility| utility.cut_kind() == kind)
    }
}

/// A report that a cut supply was found restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reconnection {
    /// When it was found.
    pub found_at: DateTime<Utc>,
    /// `party/subject` of the reporter.
    pub reporter: String,
    /// What the reporter adds.
    pub note: Note,
}

/// The order that keeps a supply cut from the cut on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandingOrder {
    utility: Utility,
    cut_at: DateTime<Utc>,
    reconnections: Vec<Reconnection>,
}

/// Why a reconnection report is refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ReconnectionError {
    /// Found before the supply was even cut.
    #[error(
        "发现恢复供应的时间早于断水/断电时间 (the reconnection was found before the cut was executed)"
    )]
    BeforeCut,
}

/// What a reconnection report did to the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportOutcome {
    /// True when this report broke an order that held until now; false when an earlier report
    /// had already broken it.
    pub first_report: bool,
}

impl StandingOrder {
    /// The order a cut of `utility` executed at `cut_at` starts.
    pub fn start(utility: Utility, cut_at: DateTime<Utc>) -> StandingOrder {
        StandingOrder {
            utility,
            cut_at,
            reconnections: Vec::new(),
        }
    }

    /// An order as stored, with the reconnections reported so far (oldest first).
    pub fn restore(
        utility: Utility,
        cut_at: DateTime<Utc>,
        reconnections: Vec<Reconnection>,
    ) -> StandingOrder {
        StandingOrder {
            utility,
            cut_at,
            reconnections,
        }
    }

    /// Which supply.
    pub fn utility(&self) -> Utility {
        self.utility
    }

    /// When the cut was executed.
    pub fn cut_at(&self) -> DateTime<Utc> {
        self.cut_at
    }

    /// True once a reconnection was reported.
    pub fn is_broken(&self) -> bool {
        !self.reconnections.is_empty()
    }

    /// Every reconnection reported, oldest first.
    pub fn reconnections(&self) -> &[Reconnection] {
        &self.reconnections
    }

    /// Records a reconnection report; every report is kept, the first one breaks the order.
    pub fn report(&mut self, report: Reconnection) -> Result<ReportOutcome, ReconnectionError> {
        if report.found_at < self.cut_at {
            return Err(ReconnectionError::BeforeCut);
        }
        let first_report = !self.is_broken();
        self.reconnections.push(report);
        Ok(ReportOutcome { first_report })
    }
}

/// Whether the party `caller` may report a reconnection: the office, the enterprise's own
/// `jurisdiction`, or one of `bureaus`, the executors and verifiers of the enterprise's cut
/// items (e.g. water, power and eco), taken from the items rather than from fixed codes.
pub fn may_report_reconnection(
    caller: &str,
    caller_is_office: bool,
    jurisdiction: &str,
    bureaus: &[&str],
) -> bool {
    caller_is_office || caller == jurisdiction || bureaus.contains(&caller)
}

#[cfg(test)]
mod tests {
    use super::*;

    use rectify_kit::clock::instant as at;

    fn report(found_at: &str, reporter: &str) -> Reconnection {
        Reconnection {
            found_at: at(found_at),
            reporter: reporter.into(),
            note: Note::default(),
        }
    }

    #[test]
    fn the_first_report_breaks_the_order_and_later_ones_are_kept() {
        let mut order = StandingOrder::start(Utility::Power, at("2021-09-01T02:00:00Z"));
        assert!(!order.is_broken(), "holds after the cut");
        let first = order.report(report("2021-10-01T02:00:00Z", "eco/zhang"));
        assert_eq!(
            first,
            Ok(ReportOutcome { first_report: true }),
            "first report"
        );
        let second = order.report(report("2021-10-03T02:00:00Z", "yuelai/li"));
        assert_eq!(
            second,
            Ok(ReportOutcome {
                first_report: false
            }),
            "second report"
        );
        assert!(order.is_broken(), "broken");
        assert_eq!(order.reconnections().len(), 2, "both reports kept");
    }

    #[test]
    fn a_reconnection_found_before_the_cut_is_refused() {
        let mut order = StandingOrder::start(Utility::Water, at("2021-09-01T02:00:00Z"));
        let result = order.report(report("2021-08-31T02:00:00Z", "water/wang"));
        assert_eq!(result, Err(ReconnectionError::BeforeCut));
        assert!(!order.is_broken(), "nothing recorded");
    }

    #[test]
    fn reporters_are_the_office_the_jurisdiction_and_the_cut_bureaus() {
        let bureaus = ["water", "eco", "power"];
        let cases = [
            ("water", false, true, "water bureau"),
            ("power", false, true, "power company"),
            ("eco", false, true, "eco"),
            ("yuelai", false, true, "the enterprise's township"),
            ("office", true, true, "the office"),
            ("donghe", false, false, "another township"),
            ("market", false, false, "an unrelated bureau"),
        ];
        for (caller, office, allowed, why) in cases {
            assert_eq!(
                may_report_reconnection(caller, office, "yuelai", &bureaus),
                allowed,
                "{why}"
            );
        }
    }

    #[test]
    fn cut_kinds_name_their_utility() {
        assert_eq!(Utility::of_kind("water_cut"), Some(Utility::Water));
        assert_eq!(Utility::of_kind("power_cut"), Some(Utility::Power));
        assert_eq!(Utility::of_kind("well_closure"), None);
    }
}
