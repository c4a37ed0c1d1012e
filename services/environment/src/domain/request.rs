//! The `EnvironmentService` requests parsed once, at the edge: every bad field reported at
//! once under its path, nothing stored.

use chrono::{DateTime, Utc};
use rectify_kit::FieldViolation;
use rectify_kit::parse::Violations;
use rectify_proto::environment::v1 as pb;
use rectify_workitems::domain::{Evidence, EvidenceRules, WorkItemName};

use super::{Measure, Unit};

/// At most this many characters in a facility type, pollutant or outlet code.
const NAME_MAX: usize = 100;
const CODE_MAX: usize = 50;
const NOTE_MAX: usize = 500;

/// What a request is parsed against: the clock's instant and the campaign's county, as the
/// work items' evidence is.
pub type ParseContext<'a> = EvidenceRules<'a>;

fn work_item(v: &mut Violations, name: &str) -> Option<WorkItemName> {
    WorkItemName::parse(name)
        .map_err(|e| v.add("work_item", e))
        .ok()
}

fn required(v: &mut Violations, field: &str, value: &str, max: usize) -> Option<String> {
    let text = v.required_text(field, value, max);
    (!text.is_empty() && text.chars().count() <= max).then_some(text)
}

fn measure(v: &mut Violations, field: &str, text: &str) -> Option<Measure> {
    Measure::parse(text).map_err(|e| v.add(field, e)).ok()
}

/// A facility recorded on a `pollution_upgrade` item.
#[derive(Clone, Debug, PartialEq)]
pub struct PollutionControl {
    pub work_item: WorkItemName,
    pub etag: String,
    pub facility_type: String,
    pub installed_at: DateTime<Utc>,
    pub evidence: Evidence,
}

impl PollutionControl {
    pub fn parse(
        r: &pb::RecordPollutionControlRequest,
        c: ParseContext<'_>,
    ) -> Result<Self, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, &r.work_item);
        let facility_type = required(&mut v, "facility_type", &r.facility_type, NAME_MAX);
        let installed_at = c.past(&mut v, "installed_at", r.installed_at.as_ref());
        let evidence = v.nested(Evidence::parse_required(r.evidence.as_ref(), "evidence", c));
        v.collect((|| {
            Some(PollutionControl {
                work_item: work_item?,
                etag: r.etag.trim().to_owned(),
                facility_type: facility_type?,
                installed_at: installed_at?,
                evidence: evidence?,
            })
        })())
    }
}

/// A discharge monitoring; compliant when the value does not exceed the limit.
#[derive(Clone, Debug, PartialEq)]
pub struct Monitoring {
    pub work_item: WorkItemName,
    pub pollutant: String,
    pub measured: Measure,
    pub limit: Measure,
    pub unit: Unit,
    pub sampled_at: DateTime<Utc>,
}

impl Monitoring {
    pub fn parse(
        r: &pb::RecordDischargeMonitoringRequest,
        c: ParseContext<'_>,
    ) -> Result<Self, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, &r.work_item);
        let pollutant = required(&mut v, "pollutant", &r.pollutant, CODE_MAX);
        let measured = measure(&mut v, "measured_value", &r.measured_value);
        let limit = measure(&mut v, "limit", &r.limit);
        let unit = Unit::from_proto(r.unit);
        if unit.is_none() {
            v.add(
                "unit",
                "须为 UNIT_MG_PER_L、UNIT_MG_PER_M3 或 UNIT_DBA \
                 (must be UNIT_MG_PER_L, UNIT_MG_PER_M3 or UNIT_DBA)",
            );
        }
        let sampled_at = c.past(&mut v, "sampled_at", r.sampled_at.as_ref());
        v.collect((|| {
            Some(Monitoring {
                work_item: work_item?,
                pollutant: pollutant?,
                measured: measured?,
                limit: limit?,
                unit: unit?,
                sampled_at: sampled_at?,
            })
        })())
    }

    /// Computed, never typed in.
    pub fn compliant(&self) -> bool {
        self.measured <= self.limit
    }
}

/// A sewage outlet check.
#[derive(Clone, Debug, PartialEq)]
pub struct OutletCheck {
    pub work_item: WorkItemName,
    pub outlet_code: String,
    pub conforming: bool,
    pub note: String,
    pub checked_at: DateTime<Utc>,
}

impl OutletCheck {
    pub fn parse(
        r: &pb::RecordSewageOutletCheckRequest,
        c: ParseContext<'_>,
    ) -> Result<Self, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, &r.work_item);
        let outlet_code = required(&mut v, "outlet_code", &r.outlet_code, CODE_MAX);
        let note = v.text("note", &r.note, NOTE_MAX);
        let checked_at = c.past(&mut v, "checked_at", r.checked_at.as_ref());
        v.collect((|| {
            Some(OutletCheck {
                work_item: work_item?,
                outlet_code: outlet_code?,
                conforming: r.conforming,
                note,
                checked_at: checked_at?,
            })
        })())
    }
}

/// A rebound patrol of a closed enterprise.
#[derive(Clone, Debug, PartialEq)]
pub struct PatrolReport {
    pub work_item: WorkItemName,
    pub patrolled_at: DateTime<Utc>,
    pub found_running: bool,
    pub evidence: Evidence,
}

impl PatrolReport {
    pub fn parse(
        r: &pb::RecordReboundPatrolRequest,
        c: ParseContext<'_>,
    ) -> Result<Self, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = work_item(&mut v, &r.work_item);
        let patrolled_at = c.past(&mut v, "patrolled_at", r.patrolled_at.as_ref());
        let evidence = v.nested(Evidence::parse_required(r.evidence.as_ref(), "evidence", c));
        v.collect((|| {
            Some(PatrolReport {
                work_item: work_item?,
                patrolled_at: patrolled_at?,
                found_running: r.found_running,
                evidence: evidence?,
            })
        })())
    }
}
