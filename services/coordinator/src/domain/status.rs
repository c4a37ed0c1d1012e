//! The completion rule and everything else derived per enterprise: from the registry's facts,
//! the measures of its published plan, its items of the current round and its findings, what
//! the coordinator shows and counts. Pure: the store loads the rows and stores the result.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rectify_campaign::{Campaign, Category};
use rectify_proto::registry::v1 as reg;
use rectify_proto::workitems::v1 as wi;

use super::fact::{Measure, day};

/// An enterprise's own row, as the registry's feed and the patrols left it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnterpriseRow {
    pub id: String,
    pub display_name: String,
    pub jurisdiction: String,
    pub category: i32,
    pub state: i32,
    pub round: i32,
    pub reopen_count: i32,
    pub sign_off_at: Option<DateTime<Utc>>,
    pub last_patrol_at: Option<DateTime<Utc>>,
    pub last_suspicion_at: Option<DateTime<Utc>>,
}

/// A work item as the projection keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub service: String,
    pub name: String,
    pub enterprise_id: String,
    pub jurisdiction: String,
    pub measure_id: String,
    pub round: i32,
    pub kind: String,
    pub executor: String,
    pub deadline: NaiveDate,
    pub state: i32,
    pub needs_verification: bool,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
}

/// One finding: who reported the enterprise, from which source, when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub reporter: String,
    pub source: i32,
    pub reported_at: DateTime<Utc>,
}

/// What the coordinator derives for one enterprise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// The registry's feed has named it (items may arrive first).
    pub known: bool,
    pub measures: i32,
    pub measures_complete: i32,
    pub complete: bool,
    /// Complete and published, not signed off.
    pub ready: bool,
    /// The earliest deadline of an incomplete measure, while published.
    pub due: Option<NaiveDate>,
    pub reported_late: bool,
    pub discrepancy: bool,
    /// Under watch: when the next rebound patrol is due.
    pub patrol_due: Option<NaiveDate>,
    /// A rebound suspected since the last patrol.
    pub suspected: bool,
}

impl Item {
    /// Whether the item counts as done for sign-off: DONE when no verification is needed
    /// (`needs_verification` as the catalog and the plan say), VERIFIED or WAIVED.
    pub fn is_complete(&self, needs_verification: bool) -> bool {
        match wi::State::try_from(self.state) {
            Ok(wi::State::Verified | wi::State::Waived) => true,
            Ok(wi::State::Done) => !needs_verification,
            _ => false,
        }
    }

    /// Neither complete (by its own flag) nor cancelled.
    pub fn is_open(&self) -> bool {
        !self.is_complete(self.needs_verification) && self.state != wi::State::Cancelled as i32
    }

    /// The deadline has passed by `today` (CST) and the item is open.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.deadline < today
    }
}

/// The registry's category number as the campaign's category, when it is one of the three.
pub fn category(number: i32) -> Option<Category> {
    match reg::Category::try_from(number) {
        Ok(reg::Category::Upgrade) => Some(Category::Upgrade),
        Ok(reg::Category::Relocate) => Some(Category::Relocate),
        Ok(reg::Category::Close) => Some(Category::Close),
        _ => None,
    }
}

/// The counters' key of a category number: `upgrade`, `relocate`, `close`, `none`, or
/// `unspecified` before the office classifies.
pub fn category_key(number: i32) -> String {
    reg::Category::try_from(number)
        .unwrap_or(reg::Category::Unspecified)
        .as_str_name()
        .trim_start_matches("CATEGORY_")
        .to_lowercase()
}

/// Whether a measure of `kind` needs verification: the catalog's entry for the enterprise's
/// category says so, or the plan's measure does.
pub fn needs_verification(campaign: &Campaign, category_number: i32, measure: &Measure) -> bool {
    let catalog = category(category_number)
        .and_then(|c| campaign.catalog_entry(c, &measure.kind))
        .is_some_and(|e| e.needs_verification);
    catalog || measure.needs_verification
}

fn is_state(row: &EnterpriseRow, state: reg::LifecycleState) -> bool {
    row.state == state as i32
}

/// Sources whose findings show that others found an enterprise (信访、网格化、部门检查).
fn found_by_others(source: i32) -> bool {
    matches!(
        reg::FindingSource::try_from(source),
        Ok(reg::FindingSource::Petition
            | reg::FindingSource::GridSupervision
            | reg::FindingSource::BureauInspection)
    )
}

/// Derives the status of `row` from its published plan's `measures`, its `items` (any round;
/// only the current round's count) and its `findings`.
pub fn status(
    campaign: &Campaign,
    row: &EnterpriseRow,
    measures: &[Measure],
    items: &[Item],
    findings: &[Finding],
) -> Status {
    let known = row.state != reg::LifecycleState::Unspecified as i32;
    let published = is_state(row, reg::LifecycleState::Published);
    let mut complete_count = 0;
    let mut due: Option<NaiveDate> = None;
    for measure in measures {
        let needs = needs_verification(campaign, row.category, measure);
        let done = items
            .iter()
            .any(|i| i.round == row.round && i.measure_id == measure.id && i.is_complete(needs));
        if done {
            complete_count += 1;
        } else {
            due = Some(due.map_or(measure.deadline, |d| d.min(measure.deadline)));
        }
    }
    let has_plan = !measures.is_empty();
    let complete = known && has_plan && complete_count == measures.len();
    let rejected = is_state(row, reg::LifecycleState::Rejected);
    let first = findings.iter().map(|f| f.reported_at).min();
    let reported_late =
        known && !rejected && first.is_some_and(|at| day(at) > campaign.milestones().survey_due);
    let discrepancy = known
        && !rejected
        && findings.iter().any(|f| found_by_others(f.source))
        && !findings.iter().any(|f| f.reporter == row.jurisdiction);
    let watched = is_state(row, reg::LifecycleState::UnderWatch);
    let suspected = row
        .last_suspicion_at
        .is_some_and(|s| row.last_patrol_at.is_none_or(|p| s > p));
    Status {
        known,
        measures: i32::try_from(measures.len()).unwrap_or(i32::MAX),
        measures_complete: i32::try_from(complete_count).unwrap_or(i32::MAX),
        complete,
        ready: complete && published,
        due: if published && !complete { due } else { None },
        reported_late,
        discrepancy,
        patrol_due: if watched {
            patrol_due(row, campaign.rebound_patrol_interval_days())
        } else {
            None
        },
        suspected,
    }
}

/// When an enterprise under watch is next due for a rebound patrol: the campaign's interval
/// after its last patrol since sign-off (or after the sign-off), or at once (the day of the
/// suspicion) when a rebound was suspected since.
fn patrol_due(row: &EnterpriseRow, interval_days: u32) -> Option<NaiveDate> {
    let signed = row.sign_off_at?;
    let since = row.last_patrol_at.filter(|p| *p > signed).unwrap_or(signed);
    let regular = day(since).checked_add_days(Days::new(u64::from(interval_days)))?;
    match row.last_suspicion_at {
        Some(s) if s > since => Some(day(s).min(regular)),
        _ => Some(regular),
    }
}

#[cfg(test)]
mod tests {
    use rectify_campaign::HUACHUAN_2021;

    use super::*;

    fn campaign() -> Campaign {
        Campaign::from_toml_str(HUACHUAN_2021).expect("campaign")
    }

    use rectify_kit::clock::instant as at;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn row(state: reg::LifecycleState) -> EnterpriseRow {
        EnterpriseRow {
            id: "e1".into(),
            jurisdiction: "yuelai".into(),
            category: reg::Category::Close as i32,
            state: state as i32,
            round: 1,
            ..Default::default()
        }
    }

    fn measure(id: &str, kind: &str, deadline: &str) -> Measure {
        Measure {
            id: id.into(),
            kind: kind.into(),
            deadline: d(deadline),
            needs_verification: false,
        }
    }

    fn item(measure_id: &str, state: wi::State) -> Item {
        Item {
            service: "utilities".into(),
            name: format!("workItems/{measure_id}"),
            enterprise_id: "e1".into(),
            jurisdiction: "yuelai".into(),
            measure_id: measure_id.into(),
            round: 1,
            kind: String::new(),
            executor: "water".into(),
            deadline: d("2021-12-31"),
            state: state as i32,
            needs_verification: false,
            created_at: at("2021-08-01T09:00:00+08:00"),
            done_at: None,
        }
    }

    #[test]
    fn complete_when_every_measure_is_done_verified_where_the_catalog_says_or_waived() {
        let c = campaign();
        let measures = [
            // water_cut needs eco's verification in the catalog, even if the plan forgot.
            measure("m1", "water_cut", "2021-09-30"),
            measure("m2", "well_closure", "2021-12-31"),
        ];
        let published = row(reg::LifecycleState::Published);
        let cases = [
            (
                wi::State::Done,
                wi::State::Done,
                false,
                "water cut done, not verified",
            ),
            (
                wi::State::Verified,
                wi::State::Done,
                true,
                "verified and done",
            ),
            (
                wi::State::Verified,
                wi::State::Waived,
                true,
                "verified and waived",
            ),
            (
                wi::State::Verified,
                wi::State::Blocked,
                false,
                "one blocked",
            ),
            (
                wi::State::Verified,
                wi::State::Cancelled,
                false,
                "one cancelled",
            ),
        ];
        for (water, well, complete, why) in cases {
            let items = [item("m1", water), item("m2", well)];
            let s = status(&c, &published, &measures, &items, &[]);
            assert_eq!(s.complete, complete, "{why}");
            assert_eq!(
                s.ready, complete,
                "{why}: published, so ready when complete"
            );
        }
    }

    #[test]
    fn a_measure_without_an_item_of_the_current_round_is_not_complete() {
        let c = campaign();
        let measures = [measure("m2", "well_closure", "2021-12-31")];
        let mut reopened = row(reg::LifecycleState::Published);
        reopened.round = 2;
        let s = status(
            &c,
            &reopened,
            &measures,
            &[item("m2", wi::State::Done)],
            &[],
        );
        assert!(!s.complete, "round 1's item does not count in round 2");
        assert_eq!(s.due, Some(d("2021-12-31")));
        let s = status(&c, &row(reg::LifecycleState::Published), &[], &[], &[]);
        assert!(!s.complete, "no published plan, nothing complete");
    }

    #[test]
    fn due_is_the_earliest_deadline_of_an_incomplete_measure_while_published() {
        let c = campaign();
        let measures = [
            measure("m1", "well_closure", "2021-09-30"),
            measure("m2", "well_closure", "2021-10-31"),
        ];
        let items = [item("m1", wi::State::Done)];
        let s = status(
            &c,
            &row(reg::LifecycleState::Published),
            &measures,
            &items,
            &[],
        );
        assert_eq!(s.due, Some(d("2021-10-31")));
        let s = status(
            &c,
            &row(reg::LifecycleState::SignedOff),
            &measures,
            &items,
            &[],
        );
        assert_eq!(s.due, None, "signed off: nothing due");
    }

    #[test]
    fn late_and_discrepant_reports_are_flagged() {
        let c = campaign();
        let finding = |reporter: &str, source: reg::FindingSource, when: &str| Finding {
            reporter: reporter.into(),
            source: source as i32,
            reported_at: at(when),
        };
        let confirmed = row(reg::LifecycleState::Confirmed);
        let on_time = [finding(
            "yuelai",
            reg::FindingSource::TownshipSurvey,
            "2021-07-15T20:00:00+08:00",
        )];
        let s = status(&c, &confirmed, &[], &[], &on_time);
        assert!(
            !s.reported_late && !s.discrepancy,
            "on the last day, by its township"
        );
        let late = [finding(
            "yuelai",
            reg::FindingSource::TownshipSurvey,
            "2021-07-16T08:00:00+08:00",
        )];
        assert!(status(&c, &confirmed, &[], &[], &late).reported_late);
        let petition = [finding(
            "eco",
            reg::FindingSource::Petition,
            "2021-07-01T08:00:00+08:00",
        )];
        let s = status(&c, &confirmed, &[], &[], &petition);
        assert!(
            s.discrepancy,
            "found by a petition, missing from yuelai's report"
        );
        let both = [petition[0].clone(), on_time[0].clone()];
        assert!(
            !status(&c, &confirmed, &[], &[], &both).discrepancy,
            "yuelai reported it too"
        );
        assert!(
            !status(&c, &row(reg::LifecycleState::Rejected), &[], &[], &petition).discrepancy,
            "a rejected report is no discrepancy"
        );
    }

    #[test]
    fn a_watched_enterprise_is_due_for_a_patrol_after_the_interval_or_at_once_when_suspected() {
        let c = campaign();
        let interval = u64::from(c.rebound_patrol_interval_days());
        let mut watched = row(reg::LifecycleState::UnderWatch);
        watched.sign_off_at = Some(at("2021-10-01T09:00:00+08:00"));
        let s = status(&c, &watched, &[], &[], &[]);
        assert_eq!(
            s.patrol_due,
            d("2021-10-01").checked_add_days(Days::new(interval))
        );
        watched.last_patrol_at = Some(at("2021-10-05T09:00:00+08:00"));
        let s = status(&c, &watched, &[], &[], &[]);
        assert_eq!(
            s.patrol_due,
            d("2021-10-05").checked_add_days(Days::new(interval))
        );
        watched.last_suspicion_at = Some(at("2021-10-06T09:00:00+08:00"));
        let s = status(&c, &watched, &[], &[], &[]);
        assert_eq!(
            s.patrol_due,
            Some(d("2021-10-06")),
            "suspected: due at once"
        );
        assert!(s.suspected);
        let s = status(&c, &row(reg::LifecycleState::Published), &[], &[], &[]);
        assert_eq!(s.patrol_due, None, "not under watch");
    }
}
