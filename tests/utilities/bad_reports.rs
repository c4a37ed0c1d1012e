//! Every bad input of the reports and reads of `UtilitiesService` (ReportReconnection,
//! SubmitMeterReading, GetStandingOrder, ListStandingOrders): the code, the reason and the field
//! named as documented, and nothing stored.

mod common;

use common::refusals::{Calls, Refusal, TOMORROW, UNKNOWN, refuse_each};
use common::*;
use rectify_proto::utilities::v1 as pb;
use rectify_proto::utilities::v1::submit_meter_reading_request::Target;
use rectify_testkit::{Backend, on_both_backends};
use tonic::Code;

async fn every_bad_report_and_read_is_refused_and_stores_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let calls = Calls { scene: &scene };
    let (eco, power) = (scene.bureau("eco"), scene.bureau("power"));
    let (water_item, power_item) = (scene.item("water_cut"), scene.item("power_cut"));
    let materials = scene.item("clear_materials");
    scene.cut_water().await;
    let found = "2021-10-15T09:45:00+08:00";
    let report_with = |change: fn(&mut pb::ReportReconnectionRequest)| {
        let mut request = reconnection("bad", &water_item, found);
        change(&mut request);
        request
    };
    let read = |kwh: &str, read_at: &str| reading("bad", &power_item, kwh, read_at);
    let water_order = format!("{water_item}/standingOrder");
    let list_with = |change: fn(&mut pb::ListStandingOrdersRequest)| {
        let mut request = pb::ListStandingOrdersRequest::default();
        change(&mut request);
        request
    };
    let mut cases = vec![
        (
            "a reconnection found in the future",
            calls.report(&eco, report_with(|r| r.found_at = when(TOMORROW))),
            Refusal::Field("found_at"),
        ),
        (
            "a reconnection found before the cut",
            calls.report(
                &eco,
                report_with(|r| r.found_at = when("2021-10-15T09:00:00+08:00")),
            ),
            Refusal::Field("found_at"),
        ),
        (
            "a reconnection without evidence",
            calls.report(&eco, report_with(|r| r.evidence = None)),
            Refusal::Field("evidence"),
        ),
        (
            "a reconnection on an unknown item",
            calls.report(&eco, report_with(|r| r.work_item = UNKNOWN.into())),
            Refusal::Status(Code::NotFound, "NOT_FOUND"),
        ),
        (
            "a reconnection on a clearing",
            calls.report(&eco, reconnection("bad", &materials, found)),
            Refusal::Field("work_item"),
        ),
        (
            "a reconnection before any cut",
            calls.report(&eco, reconnection("bad", &power_item, found)),
            Refusal::Status(Code::FailedPrecondition, "ILLEGAL_TRANSITION"),
        ),
        (
            "a reconnection reported by an unrelated bureau",
            calls.report(&scene.bureau("market"), report_with(|_| {})),
            Refusal::Status(Code::PermissionDenied, "PERMISSION_DENIED"),
        ),
        (
            "a reconnection reported by another township",
            calls.report(&scene.township("donghe"), report_with(|_| {})),
            Refusal::Status(Code::PermissionDenied, "PERMISSION_DENIED"),
        ),
        (
            "a reading before any cut",
            calls.read(&power, read("48300", found)),
            Refusal::Status(Code::FailedPrecondition, "ILLEGAL_TRANSITION"),
        ),
        (
            "a reading of the water meter",
            calls.read(&power, reading("bad", &water_item, "10", found)),
            Refusal::Field("work_item"),
        ),
    ];
    cases.push((
        "a reading naming no meter",
        calls.read(
            &power,
            pb::SubmitMeterReadingRequest {
                target: None,
                ..read("1", found)
            },
        ),
        Refusal::Field("target"),
    ));
    refuse_each(&scene, cases).await;

    scene.cut_power(EXECUTED).await;
    let mut by_account = read("48300", found);
    by_account.target = Some(Target::AccountNumber("9999".into()));
    let cases = vec![
        (
            "a negative reading",
            calls.read(&power, read("-5", found)),
            Refusal::Field("reading"),
        ),
        (
            "a reading that is not a number",
            calls.read(&power, read("12 kWh", found)),
            Refusal::Field("reading"),
        ),
        (
            "a reading below the cut reading",
            calls.read(&power, read("100", found)),
            Refusal::Field("reading"),
        ),
        (
            "a reading taken before the cut",
            calls.read(&power, read("48300", "2021-10-15T09:00:00+08:00")),
            Refusal::Field("read_at"),
        ),
        (
            "a reading in the future",
            calls.read(&power, read("48300", TOMORROW)),
            Refusal::Field("read_at"),
        ),
        (
            "a reading of an unknown account",
            calls.read(&power, by_account),
            Refusal::Status(Code::NotFound, "NOT_FOUND"),
        ),
        (
            "a reading by the water bureau",
            calls.read(&scene.bureau("water"), read("48300", found)),
            Refusal::Status(Code::PermissionDenied, "NOT_EXECUTOR"),
        ),
        (
            "an order named without its suffix",
            calls.get(&eco, &water_item),
            Refusal::Field("name"),
        ),
        (
            "an order never started",
            calls.get(&eco, &format!("{materials}/standingOrder")),
            Refusal::Status(Code::NotFound, "NOT_FOUND"),
        ),
        (
            "another township's order",
            calls.get(&scene.township("donghe"), &water_order),
            Refusal::Status(Code::PermissionDenied, "PERMISSION_DENIED"),
        ),
        (
            "an unknown utility",
            calls.list(&eco, list_with(|r| r.utility = 9)),
            Refusal::Field("utility"),
        ),
        (
            "a jurisdiction's name for its code",
            calls.list(&eco, list_with(|r| r.jurisdiction = "悦来镇".into())),
            Refusal::Field("jurisdiction"),
        ),
        (
            "an enterprise that is not a name",
            calls.list(&eco, list_with(|r| r.enterprise = "宏达米业".into())),
            Refusal::Field("enterprise"),
        ),
        (
            "a forged page token",
            calls.list(&eco, list_with(|r| r.page_token = "forged".into())),
            Refusal::Field("page_token"),
        ),
        (
            "a township listing another's territory",
            calls.list(
                &scene.township("donghe"),
                list_with(|r| r.jurisdiction = "yuelai".into()),
            ),
            Refusal::Status(Code::PermissionDenied, "PERMISSION_DENIED"),
        ),
    ];
    refuse_each(&scene, cases).await;
}

on_both_backends!(every_bad_report_and_read_is_refused_and_stores_nothing);
