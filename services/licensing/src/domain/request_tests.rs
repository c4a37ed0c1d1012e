//! The parses of `SetApprovalRequest` and the revocation requests: good requests, and each bad
//! field named, every one at once.

use rectify_proto::licensing::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::evidence::{PHOTO_SHA256, at, bare_photo};

use super::*;
use crate::domain::Status;

const ITEM: &str = "workItems/0190a7e2-0000-7000-8000-000000000001";

fn ctx() -> ParseContext<'static> {
    ParseContext {
        now: at("2021-10-15T10:00:00+08:00"),
        bounds: None,
    }
}

/// A scanned permit: one photo, with neither time nor place.
fn evidence() -> Option<wpb::Evidence> {
    bare_photo(PHOTO_SHA256)
}

fn grant() -> pb::SetApprovalRequest {
    pb::SetApprovalRequest {
        request_id: "g1".into(),
        enterprise: "enterprises/e1".into(),
        kind: pb::ApprovalKind::Environmental as i32,
        status: pb::ApprovalStatus::Granted as i32,
        permit_number: "华环审〔2021〕12号".into(),
        issuer: "桦川县生态环境局".into(),
        granted_on: "2021-10-14".into(),
        evidence: evidence(),
        ..Default::default()
    }
}

fn fields(result: Result<impl std::fmt::Debug, Vec<rectify_kit::FieldViolation>>) -> Vec<String> {
    let mut fields: Vec<String> = result
        .expect_err("refused")
        .into_iter()
        .map(|v| v.field)
        .collect();
    fields.sort();
    fields
}

#[test]
fn a_good_grant_parses_into_its_standing() {
    let update = ApprovalUpdate::parse(&grant(), ctx()).expect("good grant");
    assert_eq!(update.enterprise_id, "e1");
    assert_eq!(update.approval.code(), "environmental");
    assert!(update.evidence.is_some(), "evidence kept");
    let Standing::Granted(grant) = update.standing else {
        panic!("granted, got {:?}", update.standing);
    };
    assert_eq!(grant.permit_number, "华环审〔2021〕12号");
    assert_eq!(grant.granted_on.to_string(), "2021-10-14");
}

#[test]
fn each_bad_field_of_a_set_approval_is_named() {
    type Edit = fn(&mut pb::SetApprovalRequest);
    let cases: [(&str, Edit, &[&str]); 12] = [
        ("unknown kind", |r| r.kind = 42, &["kind"]),
        ("no kind", |r| r.kind = 0, &["kind"]),
        ("unknown status", |r| r.status = 42, &["status"]),
        (
            "UNKNOWN status",
            |r| r.status = pb::ApprovalStatus::Unknown as i32,
            &["status"],
        ),
        (
            "REPORTED_HELD status",
            |r| r.status = pb::ApprovalStatus::ReportedHeld as i32,
            &["status"],
        ),
        (
            "empty permit number",
            |r| r.permit_number = "  ".into(),
            &["permit_number"],
        ),
        ("no issuer", |r| r.issuer.clear(), &["issuer"]),
        (
            "permit dated tomorrow",
            |r| r.granted_on = "2021-10-16".into(),
            &["granted_on"],
        ),
        (
            "malformed date",
            |r| r.granted_on = "14/10/2021".into(),
            &["granted_on"],
        ),
        (
            "no evidence on a grant",
            |r| r.evidence = None,
            &["evidence"],
        ),
        (
            "bad enterprise",
            |r| r.enterprise = "firms/e1".into(),
            &["enterprise"],
        ),
        (
            "refusal without reason",
            |r| r.status = pb::ApprovalStatus::Refused as i32,
            &["reason"],
        ),
    ];
    for (case, edit, expected) in cases {
        let mut request = grant();
        edit(&mut request);
        assert_eq!(
            fields(ApprovalUpdate::parse(&request, ctx())),
            expected,
            "{case}"
        );
    }
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let request = pb::SetApprovalRequest {
        kind: 9,
        permit_number: String::new(),
        granted_on: "2030-01-01".into(),
        evidence: None,
        enterprise: String::new(),
        ..grant()
    };
    assert_eq!(
        fields(ApprovalUpdate::parse(&request, ctx())),
        [
            "enterprise",
            "evidence",
            "granted_on",
            "kind",
            "permit_number"
        ]
    );
}

#[test]
fn refusals_revocations_and_applications_parse_without_evidence() {
    let refused = pb::SetApprovalRequest {
        status: pb::ApprovalStatus::Refused as i32,
        reason: "选址不符合规划".into(),
        evidence: None,
        ..grant()
    };
    let revoked = pb::SetApprovalRequest {
        status: pb::ApprovalStatus::Revoked as i32,
        reason: "关停取缔".into(),
        revoked_on: "2021-10-15".into(),
        evidence: None,
        ..grant()
    };
    let applied = pb::SetApprovalRequest {
        status: pb::ApprovalStatus::Applied as i32,
        evidence: None,
        ..grant()
    };
    let cases = [
        (refused, Status::Refused),
        (revoked, Status::Revoked),
        (applied, Status::Applied),
    ];
    for (request, status) in cases {
        let update = ApprovalUpdate::parse(&request, ctx()).expect("parses");
        assert_eq!(update.standing.status(), status, "{status:?}");
    }
}

#[test]
fn a_revocation_needs_its_number_a_past_date_and_evidence() {
    let good = pb::RecordLicenceRevocationRequest {
        request_id: "r1".into(),
        work_item: ITEM.into(),
        outcome: pb::LicenceOutcome::Revoked as i32,
        decision_number: "华市监吊字〔2021〕3号".into(),
        decided_on: "2021-10-15".into(),
        evidence: evidence(),
        ..Default::default()
    };
    let record = RevocationRecord::parse_licence(&good, ctx()).expect("good revocation");
    assert_eq!(record.outcome, Outcome::LicenceRevoked);
    assert_eq!(
        record.outcome.revokes().map(|a| a.code()),
        Some("business_licence")
    );
    let bad = pb::RecordLicenceRevocationRequest {
        work_item: "items/1".into(),
        outcome: 0,
        decision_number: String::new(),
        decided_on: "2021-10-16".into(),
        evidence: None,
        ..good
    };
    assert_eq!(
        fields(RevocationRecord::parse_licence(&bad, ctx())),
        [
            "decided_on",
            "decision_number",
            "evidence",
            "outcome",
            "work_item"
        ]
    );
    let water = pb::RecordWaterPermitRevocationRequest {
        work_item: ITEM.into(),
        decision_number: "华水吊字〔2021〕1号".into(),
        decided_on: "2021-10-01".into(),
        evidence: evidence(),
        ..Default::default()
    };
    let record = RevocationRecord::parse_water_permit(&water, ctx()).expect("water revocation");
    assert_eq!(record.outcome.item_kind(), "water_permit_revocation");
}
