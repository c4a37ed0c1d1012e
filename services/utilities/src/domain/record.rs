//! Recorded clearings (清除原料、产品、设备) and well closures (关闭自备井), parsed from
//! `RecordClearing` and `RecordWellClosure`.

use rectify_kit::FieldViolation;
use rectify_proto::utilities::v1 as pb;
use rectify_workitems::domain::{Evidence, Violations, WorkItemName};

use super::executed::ExecutedAt;
use super::inventory::{InventoryLine, parse_lines};
use super::request::{ParseContext, work_item};
use super::well::{ClosureMethod, WellCount, WellError};

/// A clearing as the jurisdiction records it.
#[derive(Clone, Debug, PartialEq)]
pub struct Clearing {
    /// The `clear_materials`, `clear_products` or `clear_equipment` item it completes.
    pub work_item: WorkItemName,
    /// The item's etag as the caller read it; empty for "the current version".
    pub etag: String,
    /// What was cleared; at least one line.
    pub lines: Vec<InventoryLine>,
    /// When the clearing was finished.
    pub executed_at: ExecutedAt,
    /// What backs it; at least one attachment.
    pub evidence: Evidence,
}

/// A well closure as the water bureau records it.
#[derive(Clone, Debug, PartialEq)]
pub struct WellClosure {
    /// The `well_closure` item it completes.
    pub work_item: WorkItemName,
    /// The item's etag as the caller read it; empty for "the current version".
    pub etag: String,
    /// How many wells.
    pub wells: WellCount,
    /// How they were closed.
    pub method: ClosureMethod,
    /// When the closure was finished.
    pub executed_at: ExecutedAt,
    /// What backs it; at least one attachment.
    pub evidence: Evidence,
}

/// The kinds of work item a clearing completes.
pub const CLEARING_KINDS: [&str; 3] = ["clear_materials", "clear_products", "clear_equipment"];

impl Clearing {
    /// Parses a `RecordClearing` request.
    pub fn parse(
        request: &pb::RecordClearingRequest,
        context: ParseContext<'_>,
    ) -> Result<Clearing, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, "work_item", &request.work_item);
        let lines = v.nested(parse_lines(&request.lines, "lines"));
        let (executed_at, evidence) = context.execution(
            &mut v,
            request.executed_at.as_ref(),
            request.evidence.as_ref(),
        );
        let parsed = (|| {
            Some(Clearing {
                work_item: work_item?,
                etag: request.etag.trim().to_owned(),
                lines: lines?,
                executed_at: executed_at?,
                evidence: evidence?,
            })
        })();
        v.collect(parsed)
    }
}

impl WellClosure {
    /// Parses a `RecordWellClosure` request.
    pub fn parse(
        request: &pb::RecordWellClosureRequest,
        context: ParseContext<'_>,
    ) -> Result<WellClosure, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, "work_item", &request.work_item);
        let wells = v.check("wells_closed", WellCount::parse(request.wells_closed));
        let method = ClosureMethod::parse(request.method, &request.method_note);
        let method_field = match method {
            Err(WellError::OtherUndescribed) => "method_note",
            _ => "method",
        };
        let method = v.check(method_field, method);
        let (executed_at, evidence) = context.execution(
            &mut v,
            request.executed_at.as_ref(),
            request.evidence.as_ref(),
        );
        let parsed = (|| {
            Some(WellClosure {
                work_item: work_item?,
                etag: request.etag.trim().to_owned(),
                wells: wells?,
                method: method?,
                executed_at: executed_at?,
                evidence: evidence?,
            })
        })();
        v.collect(parsed)
    }
}
