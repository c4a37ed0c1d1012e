//! Reports about a cut supply, parsed from `ReportReconnection` and `SubmitMeterReading`: a
//! reconnection found, a reading of a cut power meter.
//!
//! Facts that need the standing order (found after the cut, read after the cut, not below the cut
//! reading) are checked against it by [`StandingOrder::report`](super::StandingOrder::report) and
//! [`assess_reading`](super::assess_reading).

use chrono::{DateTime, Utc};
use rectify_kit::FieldViolation;
use rectify_proto::utilities::v1 as pb;
use rectify_workitems::domain::moment::parse_past;
use rectify_workitems::domain::{Evidence, Note, Violations, WorkItemName};

use super::identifier::AccountNumber;
use super::request::{ParseContext, work_item};
use rectify_campaign::Decimal3;

/// A reconnection report as a caller sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct ReconnectionReport {
    /// The cut item whose supply was found restored.
    pub work_item: WorkItemName,
    /// When it was found; not in the future.
    pub found_at: DateTime<Utc>,
    /// What backs it; at least one attachment.
    pub evidence: Evidence,
    /// The reporter's remark.
    pub note: Note,
}

/// Which cut meter a reading is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeterTarget {
    /// The `power_cut` item.
    WorkItem(WorkItemName),
    /// The account given at the cut (its newest standing order).
    Account(AccountNumber),
}

/// A meter reading as the power company submits it.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterReadingSubmission {
    /// Which meter.
    pub target: MeterTarget,
    /// kWh as the meter shows it.
    pub reading: Decimal3,
    /// When it was read; not in the future.
    pub read_at: DateTime<Utc>,
    /// Optional photo of the meter.
    pub evidence: Option<Evidence>,
}

impl ReconnectionReport {
    /// Parses a `ReportReconnection` request.
    pub fn parse(
        request: &pb::ReportReconnectionRequest,
        context: ParseContext<'_>,
    ) -> Result<ReconnectionReport, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, "work_item", &request.work_item);
        let found_at = v.check(
            "found_at",
            parse_past(request.found_at.as_ref(), context.now),
        );
        let evidence = v.nested(Evidence::parse_required(
            request.evidence.as_ref(),
            "evidence",
            context.evidence_rules(),
        ));
        let note = v.check("note", Note::parse(&request.note));
        let parsed = (|| {
            Some(ReconnectionReport {
                work_item: work_item?,
                found_at: found_at?,
                evidence: evidence?,
                note: note?,
            })
        })();
        v.collect(parsed)
    }
}

/// The message for a reading that names no meter.
const NO_TARGET: &str =
    "请指定断电工作事项或户号 (name the power_cut work item or the account number)";

impl MeterReadingSubmission {
    /// Parses a `SubmitMeterReading` request.
    pub fn parse(
        request: &pb::SubmitMeterReadingRequest,
        context: ParseContext<'_>,
    ) -> Result<MeterReadingSubmission, Vec<FieldViolation>> {
        use pb::submit_meter_reading_request::Target;
        let mut v = Violations::new();
        let target = match &request.target {
            Some(Target::WorkItem(name)) => {
                work_item(&mut v, "work_item", name).map(MeterTarget::WorkItem)
            }
            Some(Target::AccountNumber(account)) => v
                .check("account_number", AccountNumber::parse(account))
                .map(MeterTarget::Account),
            None => {
                v.add("target", NO_TARGET);
                None
            }
        };
        let reading = v.check("reading", Decimal3::parse(&request.reading));
        let read_at = v.check("read_at", parse_past(request.read_at.as_ref(), context.now));
        let evidence = v.nested(Evidence::parse_optional(
            request.evidence.as_ref(),
            "evidence",
            context.evidence_rules(),
        ));
        let parsed = (|| {
            Some(MeterReadingSubmission {
                target: target?,
                reading: reading?,
                read_at: read_at?,
                evidence: evidence?,
            })
        })();
        v.collect(parsed)
    }
}
