//! A standing order as stored ([`Order`]), its reconnections and its latest reading, read back
//! typed: which supply and its numbers must agree with the order's kind, evidence must decode,
//! or the read fails (INTERNAL, logged).

use chrono::{DateTime, Utc};
use prost::Message as _;
use rectify_kit::parse::timestamp;
use rectify_kit::{Error, Result};
use rectify_proto::utilities::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::domain::Note;
use rectify_workitems::store::{enterprise_name, item_name};

use super::columns::utility_to_proto;
use crate::domain::{self, Decimal3, Utility};

/// `workItems/{id}/standingOrder`.
pub fn order_name(work_item_id: &str) -> String {
    format!("{}/standingOrder", item_name(work_item_id))
}

/// What was cut, with the numbers that identify it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Supply {
    /// A water meter, sealed.
    Water { meter: String, seal: String },
    /// A power account and meter, with the meter's reading at the cut.
    Power {
        account: String,
        meter: String,
        reading_at_cut: Decimal3,
    },
}

/// The meter of a power order: what a reading is taken on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PowerMeter<'a> {
    pub account: &'a str,
    pub meter: &'a str,
    pub reading_at_cut: Decimal3,
}

/// The newest reading (by the time it was read) of a cut power meter.
#[derive(Clone, Debug, PartialEq)]
pub struct LatestReading {
    pub reading: Decimal3,
    pub read_at: DateTime<Utc>,
    /// kWh used between the cut and this reading.
    pub consumption: Decimal3,
    /// `party/subject` of who submitted it.
    pub recorded_by: String,
    pub evidence: Option<wpb::Evidence>,
}

impl LatestReading {
    /// The reading as the API shows it.
    pub fn to_proto(&self) -> pb::MeterReading {
        pb::MeterReading {
            reading: self.reading.to_string(),
            read_at: Some(timestamp(self.read_at)),
            evidence: self.evidence.clone(),
            recorded_by: self.recorded_by.clone(),
        }
    }
}

/// A standing order: one per cut item, held from its latest recorded cut on.
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    pub work_item_id: String,
    pub enterprise_id: String,
    pub enterprise_display_name: String,
    /// Party code of the enterprise's jurisdiction.
    pub jurisdiction: String,
    pub supply: Supply,
    pub cut_at: DateTime<Utc>,
    /// How many cuts the item has recorded; reconnections and readings belong to one.
    pub cut: i32,
    pub reconnected: bool,
    pub latest: Option<LatestReading>,
    pub rebound_suspected: bool,
    pub updated_at: DateTime<Utc>,
}

impl Order {
    /// Which supply.
    pub fn utility(&self) -> Utility {
        match self.supply {
            Supply::Water { .. } => Utility::Water,
            Supply::Power { .. } => Utility::Power,
        }
    }

    /// The power meter, for a power order.
    pub fn power_meter(&self) -> Option<PowerMeter<'_>> {
        match &self.supply {
            Supply::Power {
                account,
                meter,
                reading_at_cut,
            } => Some(PowerMeter {
                account,
                meter,
                reading_at_cut: *reading_at_cut,
            }),
            Supply::Water { .. } => None,
        }
    }

    /// `workItems/{id}/standingOrder`.
    pub fn name(&self) -> String {
        order_name(&self.work_item_id)
    }

    /// The order as the domain checks reports against it.
    pub fn domain(&self, reconnections: Vec<domain::Reconnection>) -> domain::StandingOrder {
        domain::StandingOrder::restore(self.utility(), self.cut_at, reconnections)
    }

    /// The order as the API shows it, with the `reconnections` given (oldest first).
    pub fn to_proto(&self, reconnections: Vec<pb::Reconnection>) -> pb::StandingOrder {
        let (account_number, meter_number, seal_number, at_cut) = match &self.supply {
            Supply::Water { meter, seal } => (String::new(), meter, seal.clone(), String::new()),
            Supply::Power {
                account,
                meter,
                reading_at_cut,
            } => (
                account.clone(),
                meter,
                String::new(),
                reading_at_cut.to_string(),
            ),
        };
        pb::StandingOrder {
            name: self.name(),
            work_item: item_name(&self.work_item_id),
            enterprise: enterprise_name(&self.enterprise_id),
            enterprise_display_name: self.enterprise_display_name.clone(),
            jurisdiction: self.jurisdiction.clone(),
            utility: utility_to_proto(self.utility()) as i32,
            account_number,
            meter_number: meter_number.clone(),
            seal_number,
            meter_reading_at_cut: at_cut,
            cut_time: Some(timestamp(self.cut_at)),
            reconnected: self.reconnected,
            reconnections,
            latest_reading: self.latest.as_ref().map(LatestReading::to_proto),
            consumption_since_cut: self
                .latest
                .as_ref()
                .map(|l| l.consumption.to_string())
                .unwrap_or_default(),
            rebound_suspected: self.rebound_suspected,
        }
    }
}

/// A row of `standing_orders`, columns as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrderRow {
    pub work_item_id: String,
    pub enterprise_id: String,
    pub enterprise_display_name: String,
    pub jurisdiction: String,
    pub kind: Utility,
    pub account_number: Option<String>,
    pub meter_number: String,
    pub seal_number: Option<String>,
    pub reading_at_cut: Option<Decimal3>,
    pub cut_at: DateTime<Utc>,
    pub cut: i32,
    pub reconnected: bool,
    pub latest_reading: Option<Decimal3>,
    pub latest_read_at: Option<DateTime<Utc>>,
    pub latest_recorded_by: Option<String>,
    pub latest_evidence: Option<Vec<u8>>,
    pub consumption: Option<Decimal3>,
    pub rebound_suspected: bool,
    pub updated_at: DateTime<Utc>,
}

/// Columns of `standing_orders`, in `OrderRow` order, for `concat!`.
macro_rules! order_columns {
    () => {
        "work_item_id, enterprise_id, enterprise_display_name, jurisdiction, kind, \
         account_number, meter_number, seal_number, reading_at_cut, cut_at, cut, reconnected, \
         latest_reading, latest_read_at, latest_recorded_by, latest_evidence, consumption, \
         rebound_suspected, updated_at"
    };
}
pub(crate) use order_columns;

/// Decodes stored evidence bytes of `row`.
pub fn evidence(bytes: &[u8], row: &str) -> Result<wpb::Evidence> {
    wpb::Evidence::decode(bytes).map_err(|e| Error::corrupt("evidence", row, e))
}

impl TryFrom<OrderRow> for Order {
    type Error = Error;

    fn try_from(row: OrderRow) -> Result<Order> {
        let at = format!("standing_orders {}", row.work_item_id);
        let supply = match (
            row.kind,
            row.account_number,
            row.seal_number,
            row.reading_at_cut,
        ) {
            (Utility::Water, None, Some(seal), None) => Supply::Water {
                meter: row.meter_number,
                seal,
            },
            (Utility::Power, Some(account), None, Some(reading_at_cut)) => Supply::Power {
                account,
                meter: row.meter_number,
                reading_at_cut,
            },
            (kind, ..) => {
                return Err(Error::corrupt(
                    "supply",
                    &at,
                    format!("the numbers do not fit a {} order", kind.cut_kind()),
                ));
            }
        };
        let latest = match (
            row.latest_reading,
            row.latest_read_at,
            row.latest_recorded_by,
            row.consumption,
        ) {
            (None, None, None, None) => None,
            (Some(reading), Some(read_at), Some(recorded_by), Some(consumption)) => {
                Some(LatestReading {
                    reading,
                    read_at,
                    consumption,
                    recorded_by,
                    evidence: row
                        .latest_evidence
                        .as_deref()
                        .map(|bytes| evidence(bytes, &at))
                        .transpose()?,
                })
            }
            _ => return Err(Error::corrupt("latest reading", &at, "partly stored")),
        };
        Ok(Order {
            work_item_id: row.work_item_id,
            enterprise_id: row.enterprise_id,
            enterprise_display_name: row.enterprise_display_name,
            jurisdiction: row.jurisdiction,
            supply,
            cut_at: row.cut_at,
            cut: row.cut,
            reconnected: row.reconnected,
            latest,
            rebound_suspected: row.rebound_suspected,
            updated_at: row.updated_at,
        })
    }
}

/// A row of `reconnections`.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReconnectionRow {
    pub work_item_id: String,
    pub position: i32,
    pub found_at: DateTime<Utc>,
    pub reporter: String,
    pub note: String,
    pub evidence: Vec<u8>,
}

/// A reconnection as the API shows it and as the domain checks against it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredReconnection {
    pub domain: domain::Reconnection,
    pub evidence: wpb::Evidence,
}

impl StoredReconnection {
    /// As the API shows it.
    pub fn to_proto(&self) -> pb::Reconnection {
        pb::Reconnection {
            found_at: Some(timestamp(self.domain.found_at)),
            reporter: self.domain.reporter.clone(),
            note: self.domain.note.as_str().to_owned(),
            evidence: Some(self.evidence.clone()),
        }
    }
}

impl TryFrom<ReconnectionRow> for StoredReconnection {
    type Error = Error;

    fn try_from(row: ReconnectionRow) -> Result<StoredReconnection> {
        let at = format!("reconnections {} {}", row.work_item_id, row.position);
        let note = Note::parse(&row.note).map_err(|e| Error::corrupt("note", &at, e))?;
        Ok(StoredReconnection {
            domain: domain::Reconnection {
                found_at: row.found_at,
                reporter: row.reporter,
                note,
            },
            evidence: evidence(&row.evidence, &at)?,
        })
    }
}
