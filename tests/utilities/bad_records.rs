//! Every bad input of the `Record*` methods of `UtilitiesService`: the code, the reason and the
//! field named as documented, and nothing stored (feed head, items and standing orders
//! unchanged).

mod common;

use common::refusals::{BEFORE_PLAN, Calls, Refusal, TOMORROW, UNKNOWN, refuse_each};
use common::*;
use rectify_proto::utilities::v1 as pb;
use rectify_testkit::{Backend, on_both_backends};
use tonic::Code;

async fn every_bad_record_is_refused_with_its_field_and_stores_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let calls = Calls { scene: &scene };
    let (water, power, yuelai) = (
        scene.bureau("water"),
        scene.bureau("power"),
        scene.township("yuelai"),
    );
    let (water_item, power_item) = (scene.item("water_cut"), scene.item("power_cut"));
    let (materials, wells) = (scene.item("clear_materials"), scene.item("well_closure"));
    scene.cut_water().await;
    let water_cut_with = |change: fn(&mut pb::RecordWaterCutRequest)| {
        let mut request = water_cut("bad", &water_item);
        change(&mut request);
        request
    };
    let power_cut_with = |change: fn(&mut pb::RecordPowerCutRequest)| {
        let mut request = power_cut("bad", &power_item);
        change(&mut request);
        request
    };
    let clearing_with = |change: fn(&mut pb::RecordClearingRequest)| {
        let mut request = clearing("bad", &materials);
        change(&mut request);
        request
    };
    let wells_with = |change: fn(&mut pb::RecordWellClosureRequest)| {
        let mut request = well_closure("bad", &wells);
        change(&mut request);
        request
    };
    let cases = vec![
        (
            "a cut dated in the future",
            calls.water(&water, water_cut_with(|r| r.executed_at = when(TOMORROW))),
            Refusal::Field("executed_at"),
        ),
        (
            "a cut dated before the plan's publication",
            calls.water(
                &water,
                water_cut_with(|r| r.executed_at = when(BEFORE_PLAN)),
            ),
            Refusal::Field("executed_at"),
        ),
        (
            "an evidence hash of 63 characters",
            calls.water(
                &water,
                water_cut_with(|r| r.evidence = photo_hashed(&PHOTO[1..])),
            ),
            Refusal::Field("evidence.attachments[0].sha256"),
        ),
        (
            "an evidence hash that is not hex",
            calls.water(
                &water,
                water_cut_with(|r| r.evidence = photo_hashed(&PHOTO.replace('f', "g"))),
            ),
            Refusal::Field("evidence.attachments[0].sha256"),
        ),
        (
            "no seal number",
            calls.water(&water, water_cut_with(|r| r.seal_number = " ".into())),
            Refusal::Field("seal_number"),
        ),
        (
            "no work item named",
            calls.water(&water, water_cut_with(|r| r.work_item = String::new())),
            Refusal::Field("work_item"),
        ),
        (
            "an unknown work item",
            calls.water(&water, water_cut_with(|r| r.work_item = UNKNOWN.into())),
            Refusal::Status(Code::NotFound, "NOT_FOUND"),
        ),
        (
            "a cut recorded on an item already done",
            calls.water(&water, water_cut_with(|_| {})),
            Refusal::Status(Code::FailedPrecondition, "ILLEGAL_TRANSITION"),
        ),
        (
            "the power company recording the water cut",
            calls.water(&power, water_cut_with(|_| {})),
            Refusal::Status(Code::PermissionDenied, "NOT_EXECUTOR"),
        ),
        (
            "a water cut on the power item",
            calls.water(&water, water_cut("bad", &power_item)),
            Refusal::Field("work_item"),
        ),
        (
            "a negative reading at the cut",
            calls.power(
                &power,
                power_cut_with(|r| r.meter_reading_at_cut = "-1".into()),
            ),
            Refusal::Field("meter_reading_at_cut"),
        ),
        (
            "a reading at the cut that is not a number",
            calls.power(
                &power,
                power_cut_with(|r| r.meter_reading_at_cut = "四万八".into()),
            ),
            Refusal::Field("meter_reading_at_cut"),
        ),
        (
            "no account number",
            calls.power(&power, power_cut_with(|r| r.account_number = String::new())),
            Refusal::Field("account_number"),
        ),
        (
            "a stale etag",
            calls.power(&power, power_cut_with(|r| r.etag = "\"99\"".into())),
            Refusal::Status(Code::Aborted, "ETAG_MISMATCH"),
        ),
        (
            "a clearing with no lines",
            calls.clearing(&yuelai, clearing_with(|r| r.lines.clear())),
            Refusal::Field("lines"),
        ),
        (
            "a clearing of nothing",
            calls.clearing(&yuelai, clearing_with(|r| r.lines[0].quantity = "0".into())),
            Refusal::Field("lines[0].quantity"),
        ),
        (
            "another township's clearing",
            calls.clearing(&scene.township("donghe"), clearing_with(|_| {})),
            Refusal::Status(Code::PermissionDenied, "NOT_EXECUTOR"),
        ),
        (
            "no well closed",
            calls.wells(&water, wells_with(|r| r.wells_closed = 0)),
            Refusal::Field("wells_closed"),
        ),
        (
            "no closure method",
            calls.wells(&water, wells_with(|r| r.method = 0)),
            Refusal::Field("method"),
        ),
        (
            "another bureau's wells",
            calls.wells(&power, wells_with(|_| {})),
            Refusal::Status(Code::PermissionDenied, "NOT_EXECUTOR"),
        ),
    ];
    refuse_each(&scene, cases).await;
}

on_both_backends!(every_bad_record_is_refused_with_its_field_and_stores_nothing);
