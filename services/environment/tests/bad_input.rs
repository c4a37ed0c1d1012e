//! Every bad field of the recording methods is INVALID_ARGUMENT with a field violation naming
//! it, and nothing is stored.

mod common;

use common::*;
use rectify_proto::environment::v1 as pb;
use rectify_testkit::conventions::assert_invalid_field;
use rectify_testkit::{Backend, authorized, on_both_backends};
use tonic::Code;

async fn bad_monitorings_are_refused_with_the_field_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let item = scene.patrol_item.name.clone();
    let head = scene.environment.settled_head(1).await;
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
    assert_eq!(
        scene.environment.settled_head(head).await,
        head,
        "nothing stored"
    );
}

async fn bad_patrols_are_refused_with_the_field_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let item = scene.patrol_item.name.clone();
    let head = scene.environment.settled_head(1).await;
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
    assert_eq!(
        scene.environment.settled_head(head).await,
        head,
        "nothing stored"
    );
    let enterprise = scene.enterprise().await;
    assert!(enterprise.reopen_reason.is_empty(), "nothing reopened");
}

on_both_backends!(
    bad_monitorings_are_refused_with_the_field_and_store_nothing,
    bad_patrols_are_refused_with_the_field_and_store_nothing,
);
