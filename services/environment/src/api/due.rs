//! `ListDuePatrols`: the current `rebound_patrol` items (not cancelled or waived), each
//! enterprise's latest patrol and suspicion, and the campaign's interval give what is due today.
//! A county holds hundreds of closed workshops, so the list is computed in memory and paged by
//! enterprise id.

use chrono::NaiveDate;
use rectify_kit::Result;
use rectify_kit::page::Page;
use rectify_kit::parse::timestamp;
use rectify_proto::environment::v1 as pb;
use rectify_workitems::domain::State;
use rectify_workitems::store::{Item, ItemFilter, Store as ItemStore, enterprise_name};

use crate::domain::{REBOUND_PATROL, due_state};
use crate::store::PatrolHistory;

/// Items read per page while collecting.
const BATCH: i32 = 500;

/// Every current patrol item in `jurisdiction` (empty: all), one per enterprise (its newest round).
pub async fn patrol_items(items: &ItemStore, jurisdiction: &str) -> Result<Vec<Item>> {
    let filter = ItemFilter {
        kind: REBOUND_PATROL.to_owned(),
        jurisdiction: jurisdiction.to_owned(),
        ..ItemFilter::default()
    };
    let mut out: Vec<Item> = Vec::new();
    let mut token = String::new();
    loop {
        let page = Page::parse(BATCH, &token, &filter.fingerprint())?;
        let batch = items.items(&filter, &page).await?;
        token = page.next_token(batch.len(), batch.last().map(|i| i.id.as_str()));
        out.extend(
            batch
                .into_iter()
                .filter(|i| !matches!(i.state, State::Cancelled | State::Waived)),
        );
        if token.is_empty() {
            break;
        }
    }
    out.sort_by(|a, b| {
        (a.enterprise_id.as_str(), b.round.number())
            .cmp(&(b.enterprise_id.as_str(), a.round.number()))
    });
    out.dedup_by(|later, first| later.enterprise_id == first.enterprise_id);
    Ok(out)
}

/// The patrols of `items` due on `today`, in enterprise order.
pub fn due(
    items: &[Item],
    history: &PatrolHistory,
    interval_days: u32,
    today: NaiveDate,
) -> Vec<(String, pb::DuePatrol)> {
    items
        .iter()
        .filter_map(|item| {
            let last = history.last_patrol.get(&item.enterprise_id).copied();
            let suspected = history.last_suspicion.get(&item.enterprise_id).copied();
            let state = due_state(item.created_at, last, suspected, interval_days);
            state.is_due(today).then(|| {
                (
                    item.enterprise_id.clone(),
                    pb::DuePatrol {
                        enterprise: enterprise_name(&item.enterprise_id),
                        enterprise_display_name: item.enterprise_display_name.clone(),
                        jurisdiction: item.jurisdiction.clone(),
                        work_item: item.name(),
                        last_patrol_time: last.map(timestamp),
                        due_date: state.due_on.to_string(),
                        overdue: state.is_overdue(today),
                        rebound_suspected: state.suspected,
                    },
                )
            })
        })
        .collect()
}
