//! Every bad input of every `UtilitiesService` method: the code, the reason and the field named
//! as documented, and nothing stored (feed head, items and standing orders unchanged).

mod common;

use common::*;
use futures::future::BoxFuture;
use rectify_proto::utilities::v1 as pb;
use rectify_proto::utilities::v1::submit_meter_reading_request::Target;
use rectify_testkit::conventions::{assert_error_shape, assert_invalid_field};
use rectify_testkit::{Backend, authorized, on_both_backends};
use tonic::{Code, Status};

/// A work item no service has.
const UNKNOWN: &str = "workItems/0190f0a0-5b3c-7000-8000-00000000002a";
const TOMORROW: &str = "2021-10-16T09:00:00+08:00";
const BEFORE_PLAN: &str = "2021-10-14T09:00:00+08:00";

/// How a case must be refused.
enum Refusal {
    /// INVALID_ARGUMENT naming this field.
    Field(&'static str),
    /// This code and `ErrorInfo.reason`.
    Status(Code, &'static str),
}

type Call = BoxFuture<'static, Result<(), Status>>;

/// The scene's calls, each as the token given.
struct Calls<'a> {
    scene: &'a Scene,
}

/// A method of [`Calls`] sending its request to a `UtilitiesService` method.
macro_rules! call {
    ($name:ident, $request:ty, $method:ident) => {
        fn $name(&self, token: &str, request: $request) -> Call {
            let (mut client, token) = (self.scene.client(), token.to_owned());
            Box::pin(async move {
                client
                    .$method(authorized(request, &token))
                    .await
                    .map(|_| ())
            })
        }
    };
}

impl Calls<'_> {
    call!(water, pb::RecordWaterCutRequest, record_water_cut);
    call!(power, pb::RecordPowerCutRequest, record_power_cut);
    call!(clearing, pb::RecordClearingRequest, record_clearing);
    call!(wells, pb::RecordWellClosureRequest, record_well_closure);
    call!(report, pb::ReportReconnectionRequest, report_reconnection);
    call!(read, pb::SubmitMeterReadingRequest, submit_meter_reading);
    call!(get_order, pb::GetStandingOrderRequest, get_standing_order);
    call!(list, pb::ListStandingOrdersRequest, list_standing_orders);

    fn get(&self, token: &str, name: &str) -> Call {
        let request = pb::GetStandingOrderRequest { name: name.into() };
        self.get_order(token, request)
    }
}

/// Runs each case and checks its refusal and that nothing changed.
async fn refuse_each(scene: &Scene, cases: Vec<(&str, Call, Refusal)>) {
    let before = stored(scene).await;
    for (case, call, refusal) in cases {
        let status = call.await.expect_err(case);
        match refusal {
            Refusal::Field(field) => assert_invalid_field(&status, field, case),
            Refusal::Status(code, reason) => assert_error_shape(&status, code, reason, case),
        }
        assert_eq!(stored(scene).await, before, "{case}: nothing stored");
    }
}

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

on_both_backends!(
    every_bad_record_is_refused_with_its_field_and_stores_nothing,
    every_bad_report_and_read_is_refused_and_stores_nothing,
);
