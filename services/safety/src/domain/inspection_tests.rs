use super::*;
use rectify_testkit::evidence::{PHOTO_SHA256, at, bare_photo, when};

fn context() -> ParseContext<'static> {
    ParseContext {
        now: at("2021-10-15T10:00:00+08:00"),
        bounds: None,
    }
}

fn inspection() -> pb::RecordInspectionRequest {
    pb::RecordInspectionRequest {
        work_item: "workItems/0190f0a0-5b3c-7000-8000-00000000002a".into(),
        inspected_at: when("2021-10-15T09:00:00+08:00"),
        inspectors: vec!["张伟".into(), "刘洋".into()],
        evidence: bare_photo(PHOTO_SHA256),
        hazards: vec![pb::Hazard {
            level: pb::HazardLevel::Major as i32,
            description: "配电箱无漏电保护".into(),
            fix_deadline: "2021-10-30".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn fields(violations: Vec<FieldViolation>) -> Vec<String> {
    violations.into_iter().map(|v| v.field).collect()
}

#[test]
fn a_good_inspection_parses() {
    let parsed = InspectionRecord::parse(&inspection(), context()).expect("good");
    assert_eq!(parsed.inspectors, ["张伟", "刘洋"]);
    assert_eq!(parsed.hazards.len(), 1);
}

#[test]
fn every_bad_inspection_field_is_named_at_once() {
    let mut bad = inspection();
    bad.work_item = "enterprises/x".into();
    bad.inspected_at = when("2021-10-16T09:00:00+08:00");
    bad.inspectors = vec![" ".into()];
    bad.evidence = None;
    bad.hazards[0].description = String::new();
    let violations = InspectionRecord::parse(&bad, context()).expect_err("bad");
    assert_eq!(
        fields(violations),
        [
            "work_item",
            "inspected_at",
            "inspectors[0]",
            "evidence",
            "hazards[0].description"
        ]
    );
    bad = inspection();
    bad.inspectors.clear();
    let violations = InspectionRecord::parse(&bad, context()).expect_err("no inspector");
    assert_eq!(fields(violations), ["inspectors"]);
}

#[test]
fn a_fix_needs_a_hazard_a_past_time_and_evidence() {
    let good = pb::RecordHazardFixRequest {
        hazard: "inspections/0190f0a0-5b3c-7000-8000-00000000002a/hazards/1".into(),
        fixed_at: when("2021-10-15T09:30:00+08:00"),
        evidence: bare_photo(PHOTO_SHA256),
        ..Default::default()
    };
    assert!(HazardFix::parse(&good, context()).is_ok());
    let bad = pb::RecordHazardFixRequest {
        hazard: "inspections/x/hazards/zero".into(),
        fixed_at: None,
        evidence: None,
        ..Default::default()
    };
    let violations = HazardFix::parse(&bad, context()).expect_err("bad");
    assert_eq!(fields(violations), ["hazard", "fixed_at", "evidence"]);
}

#[test]
fn dates_that_depend_on_the_store_are_checked_against_it() {
    let published: NaiveDate = "2021-10-15".parse().expect("date");
    assert!(check_inspected_after_plan(at("2021-10-15T00:10:00+08:00"), published).is_ok());
    assert!(check_inspected_after_plan(at("2021-10-14T23:50:00+08:00"), published).is_err());
    let inspected = at("2021-10-15T09:00:00+08:00");
    assert!(
        check_fixed_after(inspected, inspected).is_ok(),
        "fixed on the spot"
    );
    assert!(check_fixed_after(at("2021-10-15T08:59:00+08:00"), inspected).is_err());
}
