//! Recorded cuts (断水, 断电), parsed from `RecordWaterCut` and `RecordPowerCut`: every fact checked
//! once, every bad field reported at once with its path.

use rectify_kit::FieldViolation;
use rectify_proto::utilities::v1 as pb;
use rectify_workitems::domain::{Evidence, Violations, WorkItemName};

use super::executed::ExecutedAt;
use super::identifier::{AccountNumber, MeterNumber, SealNumber};
use super::request::{ParseContext, work_item};
use rectify_campaign::Decimal3;

/// A water cut as the water bureau records it.
#[derive(Clone, Debug, PartialEq)]
pub struct WaterCut {
    /// The `water_cut` item it completes.
    pub work_item: WorkItemName,
    /// The item's etag as the caller read it; empty for "the current version".
    pub etag: String,
    /// The water meter.
    pub meter_number: MeterNumber,
    /// The seal put on the valve or meter.
    pub seal_number: SealNumber,
    /// When it was cut.
    pub executed_at: ExecutedAt,
    /// What backs it; at least one attachment.
    pub evidence: Evidence,
}

/// A power cut as the power company records it.
#[derive(Clone, Debug, PartialEq)]
pub struct PowerCut {
    /// The `power_cut` item it completes.
    pub work_item: WorkItemName,
    /// The item's etag as the caller read it; empty for "the current version".
    pub etag: String,
    /// The customer account.
    pub account_number: AccountNumber,
    /// The power meter.
    pub meter_number: MeterNumber,
    /// kWh on the meter at the cut.
    pub reading_at_cut: Decimal3,
    /// When it was cut.
    pub executed_at: ExecutedAt,
    /// What backs it; at least one attachment.
    pub evidence: Evidence,
}

impl WaterCut {
    /// Parses a `RecordWaterCut` request.
    pub fn parse(
        request: &pb::RecordWaterCutRequest,
        context: ParseContext<'_>,
    ) -> Result<WaterCut, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, "work_item", &request.work_item);
        let meter_number = v.check("meter_number", MeterNumber::parse(&request.meter_number));
        let seal_number = v.check("seal_number", SealNumber::parse(&request.seal_number));
        let (executed_at, evidence) = context.execution(
            &mut v,
            request.executed_at.as_ref(),
            request.evidence.as_ref(),
        );
        let parsed = (|| {
            Some(WaterCut {
                work_item: work_item?,
                etag: request.etag.trim().to_owned(),
                meter_number: meter_number?,
                seal_number: seal_number?,
                executed_at: executed_at?,
                evidence: evidence?,
            })
        })();
        v.collect(parsed)
    }
}

impl PowerCut {
    /// Parses a `RecordPowerCut` request.
    pub fn parse(
        request: &pb::RecordPowerCutRequest,
        context: ParseContext<'_>,
    ) -> Result<PowerCut, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, "work_item", &request.work_item);
        let account_number = v.check(
            "account_number",
            AccountNumber::parse(&request.account_number),
        );
        let meter_number = v.check("meter_number", MeterNumber::parse(&request.meter_number));
        let reading_at_cut = v.check(
            "meter_reading_at_cut",
            Decimal3::parse(&request.meter_reading_at_cut),
        );
        let (executed_at, evidence) = context.execution(
            &mut v,
            request.executed_at.as_ref(),
            request.evidence.as_ref(),
        );
        let parsed = (|| {
            Some(PowerCut {
                work_item: work_item?,
                etag: request.etag.trim().to_owned(),
                account_number: account_number?,
                meter_number: meter_number?,
                reading_at_cut: reading_at_cut?,
                executed_at: executed_at?,
                evidence: evidence?,
            })
        })();
        v.collect(parsed)
    }
}
