//! Every bad input of every `SafetyService` method: the code, the field violation or reason,
//! and nothing stored.

mod common;

use common::*;
use rectify_proto::safety::v1 as pb;
use rectify_testkit::conventions::{assert_error_shape, assert_invalid_field};
use rectify_testkit::{Backend, authorized, on_both_backends};
use tonic::Code;

/// The day after the clock's today.
const TOMORROW: &str = "2021-10-16T09:00:00+08:00";

async fn bad_inspections_are_refused_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let good = || scene.inspection("bad", vec![hazard(pb::HazardLevel::Major, "电气不防爆")]);
    let with = |edit: fn(&mut pb::RecordInspectionRequest)| {
        let mut request = good();
        edit(&mut request);
        request
    };
    let cases = [
        (
            "an inspection dated in the future",
            with(|r| r.inspected_at = when(TOMORROW)),
            "inspected_at",
        ),
        (
            "an inspection before the plan",
            with(|r| r.inspected_at = when("2021-10-14T09:00:00+08:00")),
            "inspected_at",
        ),
        (
            "no inspection time",
            with(|r| r.inspected_at = None),
            "inspected_at",
        ),
        (
            "an unknown hazard level",
            with(|r| r.hazards[0].level = 7),
            "hazards[0].level",
        ),
        (
            "no hazard level",
            with(|r| r.hazards[0].level = 0),
            "hazards[0].level",
        ),
        (
            "an empty description",
            with(|r| r.hazards[0].description = " ".into()),
            "hazards[0].description",
        ),
        (
            "a fix deadline before the inspection",
            with(|r| r.hazards[0].fix_deadline = "2021-10-14".into()),
            "hazards[0].fix_deadline",
        ),
        (
            "a fix deadline that is no date",
            with(|r| r.hazards[0].fix_deadline = "下月底".into()),
            "hazards[0].fix_deadline",
        ),
        (
            "no inspectors",
            with(|r| r.inspectors.clear()),
            "inspectors",
        ),
        (
            "a blank inspector",
            with(|r| r.inspectors[1] = String::new()),
            "inspectors[1]",
        ),
        ("no evidence", with(|r| r.evidence = None), "evidence"),
        (
            "a malformed item",
            with(|r| r.work_item = "items/1".into()),
            "work_item",
        ),
    ];
    let before = scene.stored().await;
    let mut client = scene.client();
    for (case, request, field) in cases {
        let status = client
            .record_inspection(authorized(request, &scene.bureau("safety")))
            .await
            .expect_err(case);
        assert_invalid_field(&status, field, case);
        assert_eq!(scene.stored().await, before, "{case}: nothing stored");
    }
    let mut stale = good();
    stale.etag = "\"999\"".into();
    let status = client
        .record_inspection(authorized(stale, &scene.bureau("safety")))
        .await
        .expect_err("a stale etag");
    assert_error_shape(&status, Code::Aborted, "ETAG_MISMATCH", "a stale etag");
    let status = client
        .record_inspection(authorized(good(), &scene.bureau("eco")))
        .await
        .expect_err("another bureau");
    assert_error_shape(
        &status,
        Code::PermissionDenied,
        "NOT_EXECUTOR",
        "another bureau",
    );
    let mut unknown = good();
    unknown.work_item = "workItems/0190f0a0-5b3c-7000-8000-00000000002a".into();
    let status = client
        .record_inspection(authorized(unknown, &scene.bureau("safety")))
        .await
        .expect_err("an unknown item");
    assert_error_shape(&status, Code::NotFound, "NOT_FOUND", "an unknown item");
    assert_eq!(scene.stored().await, before, "nothing stored");
}

async fn bad_fixes_and_reads_are_refused_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let recorded = scene
        .inspect(scene.inspection("i1", vec![hazard(pb::HazardLevel::Major, "电气不防爆")]))
        .await;
    let hazard = recorded.inspection.expect("inspection").hazards[0]
        .name
        .clone();
    let with = |edit: fn(&mut pb::RecordHazardFixRequest)| {
        let mut request = fix("bad", &hazard);
        edit(&mut request);
        request
    };
    let cases = [
        (
            "a hazard fix before its inspection",
            with(|r| r.fixed_at = when("2021-10-15T08:00:00+08:00")),
            "fixed_at",
        ),
        (
            "a fix dated in the future",
            with(|r| r.fixed_at = when(TOMORROW)),
            "fixed_at",
        ),
        ("no evidence", with(|r| r.evidence = None), "evidence"),
        (
            "a malformed hazard",
            with(|r| r.hazard = "hazards/1".into()),
            "hazard",
        ),
        (
            "a hazard numbered 0",
            with(|r| r.hazard = r.hazard.replace("/hazards/1", "/hazards/0")),
            "hazard",
        ),
    ];
    let before = scene.stored().await;
    let mut client = scene.client();
    for (case, request, field) in cases {
        let status = client
            .record_hazard_fix(authorized(request, &scene.bureau("safety")))
            .await
            .expect_err(case);
        assert_invalid_field(&status, field, case);
        assert_eq!(scene.stored().await, before, "{case}: nothing stored");
    }
    let status = client
        .record_hazard_fix(authorized(fix("eco", &hazard), &scene.bureau("eco")))
        .await
        .expect_err("another bureau");
    assert_error_shape(
        &status,
        Code::PermissionDenied,
        "NOT_EXECUTOR",
        "another bureau",
    );
    let missing = hazard.replace("/hazards/1", "/hazards/2");
    let status = client
        .record_hazard_fix(authorized(fix("none", &missing), &scene.bureau("safety")))
        .await
        .expect_err("an unknown hazard");
    assert_error_shape(&status, Code::NotFound, "NOT_FOUND", "an unknown hazard");
    assert_eq!(scene.stored().await, before, "nothing stored");

    let office = scene.office();
    let status = client
        .get_inspection(authorized(
            pb::GetInspectionRequest { name: "x/1".into() },
            &office,
        ))
        .await
        .expect_err("a malformed name");
    assert_invalid_field(&status, "name", "a malformed inspection name");
    let lists = [
        (
            "an unknown level",
            pb::ListHazardsRequest {
                level: 9,
                ..Default::default()
            },
            "level",
        ),
        (
            "an unknown jurisdiction",
            pb::ListHazardsRequest {
                jurisdiction: "atlantis".into(),
                ..Default::default()
            },
            "jurisdiction",
        ),
        (
            "a malformed enterprise",
            pb::ListHazardsRequest {
                enterprise: "firms/1".into(),
                ..Default::default()
            },
            "enterprise",
        ),
        (
            "a forged page token",
            pb::ListHazardsRequest {
                page_token: "forged".into(),
                ..Default::default()
            },
            "page_token",
        ),
    ];
    for (case, request, field) in lists {
        let status = client
            .list_hazards(authorized(request, &office))
            .await
            .expect_err(case);
        assert_invalid_field(&status, field, case);
    }
    let unknown_jurisdiction = pb::ListInspectionsRequest {
        jurisdiction: "atlantis".into(),
        ..Default::default()
    };
    let status = client
        .list_inspections(authorized(unknown_jurisdiction, &office))
        .await
        .expect_err("an unknown jurisdiction");
    assert_invalid_field(
        &status,
        "jurisdiction",
        "inspections of an unknown jurisdiction",
    );
}

on_both_backends!(
    bad_inspections_are_refused_and_store_nothing,
    bad_fixes_and_reads_are_refused_and_store_nothing
);
