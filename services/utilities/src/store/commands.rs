//! What the store is asked to do: a parsed `Record*` request ([`Record`]), and what
//! `ListStandingOrders` selects ([`OrderFilter`], [`OrderKey`]).

use chrono::{DateTime, Utc};
use rectify_workitems::domain::{Evidence, WorkItemName};

use crate::domain::{CLEARING_KINDS, Clearing, PowerCut, Utility, WaterCut, WellClosure};

/// A parsed `Record*` request: the facts it records and the item it completes.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    WaterCut(WaterCut),
    PowerCut(PowerCut),
    Clearing(Clearing),
    WellClosure(WellClosure),
}

const WATER_CUT: &[&str] = &["water_cut"];
const POWER_CUT: &[&str] = &["power_cut"];
const WELL_CLOSURE: &[&str] = &["well_closure"];

impl Record {
    /// The item it completes.
    pub fn work_item(&self) -> &WorkItemName {
        match self {
            Record::WaterCut(r) => &r.work_item,
            Record::PowerCut(r) => &r.work_item,
            Record::Clearing(r) => &r.work_item,
            Record::WellClosure(r) => &r.work_item,
        }
    }

    /// The item's etag as the caller read it; empty for the current version.
    pub fn etag(&self) -> &str {
        match self {
            Record::WaterCut(r) => &r.etag,
            Record::PowerCut(r) => &r.etag,
            Record::Clearing(r) => &r.etag,
            Record::WellClosure(r) => &r.etag,
        }
    }

    /// What backs the completion.
    pub fn evidence(&self) -> &Evidence {
        match self {
            Record::WaterCut(r) => &r.evidence,
            Record::PowerCut(r) => &r.evidence,
            Record::Clearing(r) => &r.evidence,
            Record::WellClosure(r) => &r.evidence,
        }
    }

    /// When the work was executed.
    pub fn executed_at(&self) -> DateTime<Utc> {
        match self {
            Record::WaterCut(r) => r.executed_at.at(),
            Record::PowerCut(r) => r.executed_at.at(),
            Record::Clearing(r) => r.executed_at.at(),
            Record::WellClosure(r) => r.executed_at.at(),
        }
    }

    /// The gRPC method that records it.
    pub fn method(&self) -> &'static str {
        match self {
            Record::WaterCut(_) => "RecordWaterCut",
            Record::PowerCut(_) => "RecordPowerCut",
            Record::Clearing(_) => "RecordClearing",
            Record::WellClosure(_) => "RecordWellClosure",
        }
    }

    /// The kinds of item it completes.
    pub fn kinds(&self) -> &'static [&'static str] {
        match self {
            Record::WaterCut(_) => WATER_CUT,
            Record::PowerCut(_) => POWER_CUT,
            Record::Clearing(_) => &CLEARING_KINDS,
            Record::WellClosure(_) => WELL_CLOSURE,
        }
    }
}

/// Where a page of standing orders continues: after the order cut at `cut_at` on the item `id`
/// (newest cut first, ties by item id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderKey {
    pub cut_at: DateTime<Utc>,
    pub work_item_id: String,
}

impl OrderKey {
    /// The key as a page token carries it: `{microseconds since 1970}/{id}`.
    pub fn encode(&self) -> String {
        format!("{}/{}", self.cut_at.timestamp_micros(), self.work_item_id)
    }

    /// The key a page token carried; `None` when it is not one.
    pub fn decode(after: &str) -> Option<OrderKey> {
        let (micros, id) = after.split_once('/')?;
        let cut_at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
        Some(OrderKey {
            cut_at,
            work_item_id: id.to_owned(),
        })
    }
}

/// Filters of a list of standing orders; empty strings, `None` and `false` match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderFilter {
    pub utility: Option<Utility>,
    /// Party code of the enterprise's jurisdiction.
    pub jurisdiction: String,
    /// The registry's id of the enterprise.
    pub enterprise_id: String,
    pub reconnected_only: bool,
    pub rebound_suspected_only: bool,
}

impl OrderFilter {
    /// Stable text for the page token's fingerprint.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}|{}|{}|{}|{}",
            self.utility.map(Utility::cut_kind).unwrap_or_default(),
            self.jurisdiction,
            self.enterprise_id,
            self.reconnected_only,
            self.rebound_suspected_only
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_keys_round_trip_and_garbage_is_none() {
        let key = OrderKey {
            cut_at: DateTime::from_timestamp_micros(1_634_263_200_123_456).expect("instant"),
            work_item_id: "0190f0a0-5b3c-7000-8000-00000000002a".into(),
        };
        assert_eq!(OrderKey::decode(&key.encode()), Some(key), "round trip");
        for garbage in ["", "abc", "12", "x/y"] {
            assert_eq!(OrderKey::decode(garbage), None, "{garbage:?}");
        }
    }
}
