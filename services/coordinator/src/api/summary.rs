//! Summaries, supervision rows and milestones from the counters: each a handful of counter
//! rows, summed by date where the figure depends on today.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rectify_campaign::Campaign;
use rectify_kit::parse::timestamp;
use rectify_proto::coordinator::v1 as pb;

use crate::domain::metrics::{Figures, name};
use crate::store::CounterRecord;

/// The counters of a scope, per key.
pub fn by_key(rows: Vec<CounterRecord>) -> BTreeMap<String, Figures> {
    let mut out: BTreeMap<String, Figures> = BTreeMap::new();
    for row in rows {
        out.entry(row.scope_key)
            .or_default()
            .counters
            .insert(row.metric, row.value);
    }
    out
}

#[allow(clippy::cast_precision_loss)]
fn rate(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The summary of one key of `dimension`, as of `now` (today is its CST date).
pub fn summary(
    dimension: pb::Dimension,
    key: &str,
    f: &Figures,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> pb::Summary {
    pb::Summary {
        dimension: dimension as i32,
        key: key.to_owned(),
        enterprises: f.get(name::ENTERPRISES),
        states: f
            .states()
            .into_iter()
            .map(|(state, count)| pb::StateCount { state, count })
            .collect(),
        complete: f.get(name::COMPLETE),
        ready_for_sign_off: f.get(name::READY),
        signed_off: f.get(name::SIGNED_OFF),
        overdue_enterprises: f.dated(name::DUE, |d| d < today),
        measures: f.get(name::MEASURES),
        measures_complete: f.get(name::MEASURES_COMPLETE),
        items: f.get(name::ITEMS),
        items_complete: f.get(name::ITEMS_COMPLETE),
        items_open: f.get(name::ITEMS_OPEN),
        items_blocked: f.get(name::ITEMS_BLOCKED),
        items_overdue: f.dated(name::OPEN_DUE, |d| d < today),
        reported_late: f.get(name::LATE),
        discrepancies: f.get(name::DISCREPANCY),
        patrols_due: f.dated(name::PATROL_DUE, |d| d <= today),
        patrols_overdue: f.dated(name::PATROL_DUE, |d| d < today),
        rebounds_suspected: f.get(name::SUSPECTED),
        reopened: f.get(name::REOPENED),
        median_days_to_act: f.median_days_to_act(),
        completion_rate: rate(f.get(name::COMPLETE), f.get(name::PLANNED)),
        read_time: Some(timestamp(now)),
    }
}

/// Per jurisdiction supervision rows, ranked by completion rate (equal rates share a rank).
pub fn jurisdictions(summaries: &[pb::Summary]) -> Vec<pb::JurisdictionSupervision> {
    let mut rows: Vec<pb::JurisdictionSupervision> = summaries
        .iter()
        .map(|s| pb::JurisdictionSupervision {
            jurisdiction: s.key.clone(),
            enterprises: s.enterprises,
            reported_late: s.reported_late,
            discrepancies: s.discrepancies,
            complete: s.complete,
            completion_rate: s.completion_rate,
            completion_rank: 0,
            overdue_enterprises: s.overdue_enterprises,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.completion_rate
            .total_cmp(&a.completion_rate)
            .then_with(|| a.jurisdiction.cmp(&b.jurisdiction))
    });
    let mut rank = 0;
    let mut previous: Option<f64> = None;
    for (position, row) in rows.iter_mut().enumerate() {
        if previous != Some(row.completion_rate) {
            rank = i32::try_from(position + 1).unwrap_or(i32::MAX);
            previous = Some(row.completion_rate);
        }
        row.completion_rank = rank;
    }
    rows
}

/// Per bureau supervision rows, most overdue items first.
pub fn bureaus(summaries: &[pb::Summary]) -> Vec<pb::BureauSupervision> {
    let mut rows: Vec<pb::BureauSupervision> = summaries
        .iter()
        .map(|s| pb::BureauSupervision {
            bureau: s.key.clone(),
            items: s.items,
            items_complete: s.items_complete,
            items_overdue: s.items_overdue,
            median_days_to_act: s.median_days_to_act,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.items_overdue
            .cmp(&a.items_overdue)
            .then_with(|| a.bureau.cmp(&b.bureau))
    });
    rows
}

/// The campaign's milestones with the days left from `today`.
pub fn milestones(campaign: &Campaign, today: NaiveDate) -> pb::GetMilestonesResponse {
    let m = campaign.milestones();
    let list = [
        ("survey_due", "排查结果报送", m.survey_due),
        (
            "list_published",
            "清单及一企一策方案向社会公布",
            m.list_published,
        ),
        (
            "rectification_start",
            "全面开展规范整治",
            m.rectification_start,
        ),
        ("complete_by", "全面完成整治", m.complete_by),
    ];
    pb::GetMilestonesResponse {
        today: today.to_string(),
        milestones: list
            .into_iter()
            .map(|(code, title, date)| pb::Milestone {
                code: code.to_owned(),
                title: title.to_owned(),
                date: date.to_string(),
                days_left: (date - today).num_days(),
                passed: date < today,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use rectify_campaign::HUACHUAN_2021;

    use super::*;

    fn row(key: &str, rate: f64) -> pb::Summary {
        pb::Summary {
            key: key.into(),
            completion_rate: rate,
            ..Default::default()
        }
    }

    #[test]
    fn equal_completion_rates_share_a_rank() {
        let ranked = jurisdictions(&[row("a", 0.5), row("b", 0.9), row("c", 0.5), row("d", 0.1)]);
        let ranks: Vec<_> = ranked
            .iter()
            .map(|r| (r.jurisdiction.as_str(), r.completion_rank))
            .collect();
        assert_eq!(ranks, [("b", 1), ("a", 2), ("c", 2), ("d", 4)]);
    }

    #[test]
    fn milestones_count_the_days_left() {
        let campaign = Campaign::from_toml_str(HUACHUAN_2021).expect("campaign");
        let today = NaiveDate::from_ymd_opt(2021, 12, 1).expect("date");
        let m = milestones(&campaign, today);
        let complete_by = m
            .milestones
            .iter()
            .find(|m| m.code == "complete_by")
            .expect("listed");
        assert_eq!(complete_by.days_left, 30);
        assert!(!complete_by.passed);
        let survey = m
            .milestones
            .iter()
            .find(|m| m.code == "survey_due")
            .expect("listed");
        assert!(survey.passed && survey.days_left < 0);
    }
}
