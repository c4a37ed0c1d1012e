//! The typed events utilities puts on its own feed (declared in `utilities.proto`), beside the
//! work-item events of the same call: each names the enterprise, its jurisdiction and the work
//! item. No personal data: meter, seal and account numbers identify a supply, not a person.

use chrono::{DateTime, Utc};
use rectify_kit::journal::NewChange;
use rectify_kit::parse::timestamp;
use rectify_proto::utilities::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_workitems::store::Item;

use crate::domain::{ClosureMethod, Decimal3, REBOUND_TOLERANCE};
use crate::store::columns::{lines_to_proto, utility_to_proto};
use crate::store::commands::Record;
use crate::store::order::{Order, PowerMeter, order_name};

/// What `record` recorded on `item` (now DONE), backed by `evidence` as recorded: a cut is about
/// the standing order it starts, a clearing or a closure about the item.
pub fn recorded(item: &Item, record: &Record, evidence: wpb::Evidence) -> NewChange {
    let (enterprise, jurisdiction, work_item) = (
        rectify_workitems::store::enterprise_name(&item.enterprise_id),
        item.jurisdiction.clone(),
        item.name(),
    );
    let executed_at = Some(timestamp(record.executed_at()));
    match record {
        Record::WaterCut(cut) => NewChange::new(
            order_name(&item.id),
            &pb::WaterCutRecorded {
                enterprise,
                jurisdiction,
                work_item,
                meter_number: cut.meter_number.to_string(),
                seal_number: cut.seal_number.to_string(),
                executed_at,
                evidence: Some(evidence),
            },
        ),
        Record::PowerCut(cut) => NewChange::new(
            order_name(&item.id),
            &pb::PowerCutRecorded {
                enterprise,
                jurisdiction,
                work_item,
                account_number: cut.account_number.to_string(),
                meter_number: cut.meter_number.to_string(),
                meter_reading_at_cut: cut.reading_at_cut.to_string(),
                executed_at,
                evidence: Some(evidence),
            },
        ),
        Record::Clearing(clearing) => NewChange::new(
            item.name(),
            &pb::ClearingRecorded {
                enterprise,
                jurisdiction,
                work_item,
                kind: item.terms.kind.clone(),
                lines: lines_to_proto(&clearing.lines),
                executed_at,
                evidence: Some(evidence),
            },
        ),
        Record::WellClosure(closure) => {
            let (method, method_note) = closure_method(&closure.method);
            NewChange::new(
                item.name(),
                &pb::WellClosureRecorded {
                    enterprise,
                    jurisdiction,
                    work_item,
                    wells_closed: i32::try_from(closure.wells.get()).unwrap_or(i32::MAX),
                    method: method as i32,
                    method_note,
                    executed_at,
                    evidence: Some(evidence),
                },
            )
        }
    }
}

/// How wells were closed, as the API shows it: the method and, for OTHER, what it was.
pub fn closure_method(method: &ClosureMethod) -> (pb::WellClosureMethod, String) {
    use pb::WellClosureMethod as M;
    match method {
        ClosureMethod::Backfilled => (M::Backfilled, String::new()),
        ClosureMethod::CementSealed => (M::CementSealed, String::new()),
        ClosureMethod::Capped => (M::Capped, String::new()),
        ClosureMethod::Other(what) => (M::Other, what.as_str().to_owned()),
    }
}

/// A reconnection was reported on `order`.
pub fn reconnection(
    order: &Order,
    reconnection: pb::Reconnection,
    first_report: bool,
) -> NewChange {
    NewChange::new(
        order.name(),
        &pb::ReconnectionReported {
            enterprise: rectify_workitems::store::enterprise_name(&order.enterprise_id),
            jurisdiction: order.jurisdiction.clone(),
            work_item: rectify_workitems::store::item_name(&order.work_item_id),
            utility: utility_to_proto(order.utility()) as i32,
            reconnection: Some(reconnection),
            first_report,
        },
    )
}

/// A reading of `meter`, the meter of the power order `order`, was submitted; `consumption`
/// since the cut.
pub fn reading(
    order: &Order,
    meter: &PowerMeter<'_>,
    reading: pb::MeterReading,
    consumption: Decimal3,
) -> NewChange {
    NewChange::new(
        order.name(),
        &pb::MeterReadingSubmitted {
            enterprise: rectify_workitems::store::enterprise_name(&order.enterprise_id),
            jurisdiction: order.jurisdiction.clone(),
            work_item: rectify_workitems::store::item_name(&order.work_item_id),
            account_number: meter.account.to_owned(),
            reading: Some(reading),
            consumption_since_cut: consumption.to_string(),
        },
    )
}

/// A reading of `meter`, the meter of the power order `order`, shows `consumption` beyond the
/// tolerance.
pub fn rebound(
    order: &Order,
    meter: &PowerMeter<'_>,
    reading: Decimal3,
    read_at: DateTime<Utc>,
    consumption: Decimal3,
) -> NewChange {
    NewChange::new(
        order.name(),
        &pb::ReboundSuspected {
            enterprise: rectify_workitems::store::enterprise_name(&order.enterprise_id),
            jurisdiction: order.jurisdiction.clone(),
            work_item: rectify_workitems::store::item_name(&order.work_item_id),
            account_number: meter.account.to_owned(),
            meter_number: meter.meter.to_owned(),
            meter_reading_at_cut: meter.reading_at_cut.to_string(),
            reading: reading.to_string(),
            cut_time: Some(timestamp(order.cut_at)),
            read_at: Some(timestamp(read_at)),
            consumption_since_cut: consumption.to_string(),
            tolerance: REBOUND_TOLERANCE.to_string(),
        },
    )
}
