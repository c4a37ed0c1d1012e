//! The projection's rows as the API's messages.

use chrono::NaiveDate;
use prost_types::Any;
use rectify_kit::Result;
use rectify_kit::parse::timestamp;
use rectify_proto::coordinator::v1 as pb;

use crate::reflect::evidence_in;
use crate::store::{EnterpriseRecord, FindingRecord, HeadRecord, ItemRecord, TimelineRecord};

/// `enterprises/{id}`.
pub fn enterprise_name(id: &str) -> String {
    format!("enterprises/{id}")
}

/// An enterprise's progress as of `today`, with its reporters and items when given.
pub fn progress(
    e: &EnterpriseRecord,
    today: NaiveDate,
    findings: &[FindingRecord],
    items: Vec<pb::ItemProgress>,
) -> Result<pb::EnterpriseProgress> {
    let status = e.status()?;
    let mut reporters: Vec<String> = Vec::new();
    for f in findings {
        if !reporters.contains(&f.reporter) {
            reporters.push(f.reporter.clone());
        }
    }
    Ok(pb::EnterpriseProgress {
        name: enterprise_name(&e.id),
        display_name: e.display_name.clone(),
        jurisdiction: e.jurisdiction.clone(),
        category: e.category,
        state: e.state,
        round: e.round,
        measures: e.measures,
        measures_complete: e.measures_complete,
        complete: e.complete,
        ready_for_sign_off: e.ready,
        due_date: status.due.map(|d| d.to_string()).unwrap_or_default(),
        overdue: status.due.is_some_and(|d| d < today),
        reported_late: e.reported_late,
        discrepancy: e.discrepancy,
        first_report_time: findings.first().map(|f| timestamp(f.reported_at)),
        reporters,
        sign_off_time: e.sign_off_at.map(timestamp),
        reopen_count: e.reopen_count,
        patrol_due_date: status.patrol_due.map(|d| d.to_string()).unwrap_or_default(),
        last_patrol_time: e.last_patrol_at.map(timestamp),
        rebound_suspected: e.suspected,
        items,
    })
}

/// A work item as of `today`.
pub fn item(i: &ItemRecord, today: NaiveDate) -> Result<pb::ItemProgress> {
    let item = i.item()?;
    Ok(pb::ItemProgress {
        name: i.name.clone(),
        service: i.service.clone(),
        enterprise: enterprise_name(&i.enterprise_id),
        jurisdiction: i.jurisdiction.clone(),
        measure_id: i.measure_id.clone(),
        kind: i.kind.clone(),
        executor: i.executor.clone(),
        deadline: i.deadline.clone(),
        state: i.state,
        needs_verification: i.needs_verification,
        complete: i.complete,
        overdue: item.is_overdue(today),
        round: i.round,
        create_time: Some(timestamp(i.created_at)),
        done_time: i.done_at.map(timestamp),
    })
}

/// A timeline entry, with the evidence its event carries.
pub fn timeline_entry(t: TimelineRecord) -> pb::TimelineEntry {
    let event = Any {
        type_url: t.type_url,
        value: t.event,
    };
    pb::TimelineEntry {
        service: t.source,
        seq: t.seq,
        record_time: Some(timestamp(t.recorded_at)),
        actor: t.actor,
        resource: t.resource,
        event_type: event
            .type_url
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned(),
        evidence: evidence_in(&event),
        event: Some(event),
    }
}

/// An audit anchor.
pub fn anchor(h: HeadRecord) -> pb::AuditAnchor {
    pb::AuditAnchor {
        service: h.source,
        seq: h.seq,
        hash: h.hash,
        record_time: h.recorded_at.map(timestamp),
    }
}
