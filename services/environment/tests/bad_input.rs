//! Every bad field of the recording methods is INVALID_ARGUMENT with a field violation naming
//! it, and nothing is stored.

mod common;

use common::*;
use rectify_proto::environment::v1 as pb;
use rectify_testkit::conventions::assert_invalid_field;
use rectify_testkit::workitems::WorkItemHarness as _;
use rectify_testkit::{Backend, authorized, on_both_backends};
use tonic::Code;

async fn bad_monitorings_are_refused_with_the_field_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let item = scene.patrol_item.name.clone();
    let head = scene.service.settled_head(1).await;
    type Edit = fn(&mut pb::RecordDischargeMonitoringRequest);
    let cases: [(&str, &str, Edit); 8] = [
        ("negative measurement", "measured_value", |r| {
            r.measured_value = "-1".into()
        }),
        ("non-numeric measurement", "measured_value", |r| {
            r.measured_value = "十二".into()
        }),
        ("an exponent", "measured_value", |r| {
            r.measured_value = "1e3".into()
        }),
        ("a negative limit", "limit", |r| r.limit = "-50".into()),
        ("no unit", "unit", |r| r.unit = 0),
        ("an unknown unit", "unit", |r| r.unit = 42),
        ("sampled in the future", "sampled_at", |r| {
            r.sampled_at = when("2021-10-16T10:00:00+08:00")
        }),
        ("no pollutant", "pollutant", |r| r.pollutant = " ".into()),
    ];
    for (why, field, edit) in cases {
        let mut request = monitoring(why, &item);
        edit(&mut request);
        let refused = scene
            .client()
            .record_discharge_monitoring(authorized(request, &scene.eco()))
            .await
            .expect_err(why);
        assert_eq!(refused.code(), Code::InvalidArgument, "{why}: {refused:?}");
        assert_invalid_field(&refused, field, why);
    }
    let wrong_kind = scene
        .client()
        .record_discharge_monitoring(authorized(monitoring("kind", &item), &scene.eco()))
        .await
        .expect_err("a monitoring on the patrol item");
    assert_invalid_field(
        &wrong_kind,
        "work_item",
        "a rebound_patrol item is not monitored",
    );
    scene.assert_nothing_stored(head).await;
}

async fn bad_patrols_are_refused_with_the_field_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let item = scene.patrol_item.name.clone();
    let head = scene.service.settled_head(1).await;
    type Edit = fn(&mut pb::RecordReboundPatrolRequest);
    let cases: [(&str, &str, Edit); 4] = [
        ("patrolled in the future", "patrolled_at", |r| {
            r.patrolled_at = when("2021-10-16T10:00:00+08:00")
        }),
        ("no patrol time", "patrolled_at", |r| r.patrolled_at = None),
        ("no evidence", "evidence", |r| r.evidence = None),
        ("a malformed item", "work_item", |r| {
            r.work_item = "items/1".into()
        }),
    ];
    for (why, field, edit) in cases {
        let mut request = patrol(why, &item, true);
        edit(&mut request);
        let refused = scene
            .client()
            .record_rebound_patrol(authorized(request, &scene.eco()))
            .await
            .expect_err(why);
        assert_eq!(refused.code(), Code::InvalidArgument, "{why}: {refused:?}");
        assert_invalid_field(&refused, field, why);
    }
    scene.assert_nothing_stored(head).await;
    let enterprise = scene.enterprise().await;
    assert!(enterprise.reopen_reason.is_empty(), "nothing reopened");
}

async fn bad_pollution_controls_are_refused_with_the_field_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let (upgrade, supervision) = scene.upgrade().await;
    let head = scene.service.settled_head(1).await;
    type Edit = fn(&mut pb::RecordPollutionControlRequest);
    let cases: [(&str, &str, Edit); 7] = [
        ("no facility type", "facility_type", |r| {
            r.facility_type = "  ".into()
        }),
        ("a 101-character facility type", "facility_type", |r| {
            r.facility_type = "除".repeat(101)
        }),
        ("installed in the future", "installed_at", |r| {
            r.installed_at = when("2021-10-16T10:00:00+08:00")
        }),
        ("no installation time", "installed_at", |r| {
            r.installed_at = None
        }),
        ("no evidence", "evidence", |r| r.evidence = None),
        (
            "a photo hash that is not SHA-256",
            "evidence.attachments[0].sha256",
            |r| {
                if let Some(e) = r.evidence.as_mut() {
                    e.attachments[0].sha256 = "abc".into();
                }
            },
        ),
        ("not a work item name", "work_item", |r| {
            r.work_item = "items/1".into()
        }),
    ];
    for (why, field, edit) in cases {
        let mut request = pollution_control(why, &upgrade.name);
        edit(&mut request);
        let refused = scene
            .client()
            .record_pollution_control(authorized(request, &scene.eco()))
            .await
            .expect_err(why);
        assert_eq!(refused.code(), Code::InvalidArgument, "{why}: {refused:?}");
        assert_invalid_field(&refused, field, why);
    }
    let wrong_kind = scene
        .client()
        .record_pollution_control(authorized(
            pollution_control("kind", &supervision.name),
            &scene.eco(),
        ))
        .await
        .expect_err("a facility on the daily supervision item");
    assert_invalid_field(
        &wrong_kind,
        "work_item",
        "only a pollution_upgrade item takes a facility",
    );
    scene.assert_nothing_stored(head).await;
    let untouched = scene.service.work_item(&upgrade.name).await;
    assert_eq!(untouched.etag, upgrade.etag, "the item is unchanged");
}

async fn bad_outlet_checks_are_refused_with_the_field_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let (_, supervision) = scene.upgrade().await;
    let head = scene.service.settled_head(1).await;
    type Edit = fn(&mut pb::RecordSewageOutletCheckRequest);
    let cases: [(&str, &str, Edit); 5] = [
        ("no outlet code", "outlet_code", |r| {
            r.outlet_code = " ".into()
        }),
        ("a 51-character outlet code", "outlet_code", |r| {
            r.outlet_code = "D".repeat(51)
        }),
        ("checked in the future", "checked_at", |r| {
            r.checked_at = when("2021-10-16T10:00:00+08:00")
        }),
        ("no check time", "checked_at", |r| r.checked_at = None),
        ("a 501-character note", "note", |r| {
            r.note = "注".repeat(501)
        }),
    ];
    for (why, field, edit) in cases {
        let mut request = outlet_check(why, &supervision.name);
        edit(&mut request);
        let refused = scene
            .client()
            .record_sewage_outlet_check(authorized(request, &scene.eco()))
            .await
            .expect_err(why);
        assert_eq!(refused.code(), Code::InvalidArgument, "{why}: {refused:?}");
        assert_invalid_field(&refused, field, why);
    }
    let wrong_kind = scene
        .client()
        .record_sewage_outlet_check(authorized(
            outlet_check("kind", &scene.patrol_item.name),
            &scene.eco(),
        ))
        .await
        .expect_err("an outlet check on the patrol item");
    assert_invalid_field(
        &wrong_kind,
        "work_item",
        "a rebound_patrol item has no outlets to check",
    );
    let township = scene
        .client()
        .record_sewage_outlet_check(authorized(
            outlet_check("township", &supervision.name),
            &scene.service.township("yuelai"),
        ))
        .await
        .expect_err("a township may not check outlets");
    assert_eq!(township.code(), Code::PermissionDenied, "{township:?}");
    scene.assert_nothing_stored(head).await;
}

on_both_backends!(
    bad_monitorings_are_refused_with_the_field_and_store_nothing,
    bad_patrols_are_refused_with_the_field_and_store_nothing,
    bad_pollution_controls_are_refused_with_the_field_and_store_nothing,
    bad_outlet_checks_are_refused_with_the_field_and_store_nothing,
);
