//! The `Record*` requests that complete a work item, parsed: a plot allocated in a park
//! (`relocation_plot`), the old works demolished (`demolition`), the old site remediated
//! (`site_remediation`). Every instant is in the past per the one clock; every area is greater
//! than zero; evidence is required.

use chrono::{DateTime, Utc};
use prost_types::Timestamp;
use rectify_kit::FieldViolation;
use rectify_proto::land::v1 as pb;
use rectify_workitems::domain::moment::parse_past;
use rectify_workitems::domain::{Evidence, EvidenceRules, Violations, WorkItemName};

use super::{Area, PLOT_NUMBER_MAX_CHARS, REFERENCE_MAX_CHARS};

/// A plot in an industrial park allocated to a relocating enterprise (miit).
#[derive(Clone, Debug, PartialEq)]
pub struct RelocationPlot {
    pub park_name: String,
    pub plot_number: String,
    pub area: Area,
    pub allocated_at: DateTime<Utc>,
}

/// The old works demolished (housing).
#[derive(Clone, Debug, PartialEq)]
pub struct Demolition {
    pub demolished_at: DateTime<Utc>,
    pub floor_area: Area,
}

/// The old site remediated (eco).
#[derive(Clone, Debug, PartialEq)]
pub struct SiteRemediation {
    /// The site assessment report the remediation answers.
    pub assessment_reference: String,
    pub completed_at: DateTime<Utc>,
}

/// The facts a `Record*` request records.
#[derive(Clone, Debug, PartialEq)]
pub enum Facts {
    Plot(RelocationPlot),
    Demolition(Demolition),
    Remediation(SiteRemediation),
}

/// A parsed `Record*` request: the item it completes, as of which etag, its facts and evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub work_item: WorkItemName,
    /// The item's etag as the caller read it; empty for the current version.
    pub etag: String,
    pub facts: Facts,
    pub evidence: Evidence,
}

impl Record {
    /// The kind of item it completes.
    pub fn kind(&self) -> &'static str {
        match self.facts {
            Facts::Plot(_) => "relocation_plot",
            Facts::Demolition(_) => "demolition",
            Facts::Remediation(_) => "site_remediation",
        }
    }

    /// The gRPC method that records it.
    pub fn method(&self) -> &'static str {
        match self.facts {
            Facts::Plot(_) => "RecordRelocationPlot",
            Facts::Demolition(_) => "RecordDemolition",
            Facts::Remediation(_) => "RecordSiteRemediation",
        }
    }

    /// Parses `RecordRelocationPlot`.
    pub fn plot(
        r: &pb::RecordRelocationPlotRequest,
        rules: EvidenceRules<'_>,
    ) -> Result<Record, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = v.check("work_item", WorkItemName::parse(&r.work_item));
        let park_name = v.required_text("park_name", &r.park_name, REFERENCE_MAX_CHARS);
        let plot_number = v.required_text("plot_number", &r.plot_number, PLOT_NUMBER_MAX_CHARS);
        let area = v.check("area_m2", Area::parse(&r.area_m2));
        let allocated_at = past(&mut v, "allocated_at", r.allocated_at.as_ref(), rules);
        let facts = (|| {
            Some(Facts::Plot(RelocationPlot {
                park_name,
                plot_number,
                area: area?,
                allocated_at: allocated_at?,
            }))
        })();
        finish(v, work_item, &r.etag, facts, r.evidence.as_ref(), rules)
    }

    /// Parses `RecordDemolition`.
    pub fn demolition(
        r: &pb::RecordDemolitionRequest,
        rules: EvidenceRules<'_>,
    ) -> Result<Record, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = v.check("work_item", WorkItemName::parse(&r.work_item));
        let demolished_at = past(&mut v, "demolished_at", r.demolished_at.as_ref(), rules);
        let floor_area = v.check("floor_area_m2", Area::parse(&r.floor_area_m2));
        let facts = (|| {
            Some(Facts::Demolition(Demolition {
                demolished_at: demolished_at?,
                floor_area: floor_area?,
            }))
        })();
        finish(v, work_item, &r.etag, facts, r.evidence.as_ref(), rules)
    }

    /// Parses `RecordSiteRemediation`.
    pub fn remediation(
        r: &pb::RecordSiteRemediationRequest,
        rules: EvidenceRules<'_>,
    ) -> Result<Record, Vec<FieldViolation>> {
        let mut v = Violations::new();
        let work_item = v.check("work_item", WorkItemName::parse(&r.work_item));
        let assessment_reference = v.required_text(
            "assessment_reference",
            &r.assessment_reference,
            REFERENCE_MAX_CHARS,
        );
        let completed_at = past(&mut v, "completed_at", r.completed_at.as_ref(), rules);
        let facts = completed_at.map(|completed_at| {
            Facts::Remediation(SiteRemediation {
                assessment_reference,
                completed_at,
            })
        });
        finish(v, work_item, &r.etag, facts, r.evidence.as_ref(), rules)
    }
}

/// A required instant in `field` that has happened.
fn past(
    v: &mut Violations,
    field: &str,
    at: Option<&Timestamp>,
    rules: EvidenceRules<'_>,
) -> Option<DateTime<Utc>> {
    v.check(field, parse_past(at, rules.now))
}

/// The record of `facts` once the evidence is parsed too, or every violation found.
fn finish(
    mut v: Violations,
    work_item: Option<WorkItemName>,
    etag: &str,
    facts: Option<Facts>,
    evidence: Option<&rectify_proto::workitems::v1::Evidence>,
    rules: EvidenceRules<'_>,
) -> Result<Record, Vec<FieldViolation>> {
    let evidence = v.nested(Evidence::parse_required(evidence, "evidence", rules));
    let parsed = (|| {
        Some(Record {
            work_item: work_item?,
            etag: etag.trim().to_owned(),
            facts: facts?,
            evidence: evidence?,
        })
    })();
    v.collect(parsed)
}
