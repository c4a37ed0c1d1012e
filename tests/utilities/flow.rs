//! 两断三清 through `UtilitiesService`, with the registry and utilities as separate servers: the
//! water and power cuts complete their items and start standing orders, the township's clearing
//! is verified by eco, wells are closed; a reconnection breaks an order and a meter reading
//! beyond the tolerance puts `ReboundSuspected` on the feed. Each step's events are read back
//! from the feed, typed, exactly once.

mod common;

use chrono::Duration;
use common::*;
use prost::Name as _;
use rectify_proto::feed::v1::Change;
use rectify_proto::utilities::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::workitems::WorkItemHarness as _;
use rectify_testkit::{Backend, authorized, event, on_both_backends};
use tonic::Code;
use tonic_types::StatusExt as _;

/// The changes recorded after `head`, once the feed has settled.
async fn changes_after(scene: &Scene, head: i64, expected: i64) -> Vec<Change> {
    let settled = scene.utilities.settled_head(head + expected).await;
    assert_eq!(settled, head + expected, "{expected} changes recorded");
    scene
        .utilities
        .whole_feed(&scene.office())
        .await
        .into_iter()
        .filter(|c| c.seq > head)
        .collect()
}

fn type_urls(changes: &[Change]) -> Vec<String> {
    changes
        .iter()
        .map(|c| {
            c.event
                .as_ref()
                .map_or(String::new(), |e| e.type_url.clone())
        })
        .collect()
}

fn reason(status: &tonic::Status) -> String {
    status
        .get_error_details()
        .error_info()
        .map(|i| i.reason.clone())
        .unwrap_or_default()
}

async fn cuts_complete_their_items_and_start_standing_orders(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let mut client = scene.client();
    let (water_item, power_item) = (scene.item("water_cut"), scene.item("power_cut"));
    let head = scene.utilities.settled_head(6).await;

    let refused = client
        .record_water_cut(authorized(
            water_cut("w0", &water_item),
            &scene.bureau("power"),
        ))
        .await
        .expect_err("the power company recording the water cut");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert_eq!(reason(&refused), "NOT_EXECUTOR", "{refused:?}");
    assert_eq!(
        scene.utilities.settled_head(head).await,
        head,
        "nothing stored"
    );

    let cut = client
        .record_water_cut(authorized(
            water_cut("w1", &water_item),
            &scene.bureau("water"),
        ))
        .await
        .expect("the water bureau records its cut")
        .into_inner();
    let item = cut.work_item.expect("the item");
    assert_eq!(item.state(), wpb::State::Done, "the water cut item is done");
    let order = cut.standing_order.expect("a standing order");
    assert_eq!(order.name, format!("{water_item}/standingOrder"));
    assert_eq!(order.utility(), pb::Utility::Water);
    assert_eq!(
        (order.meter_number.as_str(), order.seal_number.as_str()),
        ("0231-8877", "桦水封-0012")
    );
    assert_eq!(
        order.cut_time,
        when(EXECUTED),
        "the order holds from the cut"
    );
    assert!(
        !order.reconnected && order.jurisdiction == "yuelai",
        "{order:?}"
    );
    let got = client
        .get_standing_order(authorized(
            pb::GetStandingOrderRequest {
                name: order.name.clone(),
            },
            &scene.township("yuelai"),
        ))
        .await
        .expect("the township reads its territory's order")
        .into_inner();
    assert_eq!(got, order, "a later read shows what the answer showed");

    let changes = changes_after(&scene, head, 2).await;
    assert_eq!(
        type_urls(&changes),
        [
            wpb::WorkItemCompleted::type_url(),
            pb::WaterCutRecorded::type_url()
        ],
        "the work-item event and the cut, once each"
    );
    let completed: wpb::WorkItemCompleted = event(&changes[0]);
    assert_eq!(
        completed.work_item.map(|i| i.name),
        Some(water_item.clone())
    );
    let recorded: pb::WaterCutRecorded = event(&changes[1]);
    assert_eq!(
        (
            recorded.work_item.as_str(),
            recorded.enterprise.as_str(),
            recorded.seal_number.as_str()
        ),
        (
            water_item.as_str(),
            scene.enterprise.as_str(),
            "桦水封-0012"
        )
    );
    assert_eq!(
        recorded.evidence.map(|e| e.recorded_by),
        Some("water/water-tester".to_owned()),
        "the evidence says who recorded it"
    );

    let power = client
        .record_power_cut(authorized(
            power_cut("p1", &power_item),
            &scene.bureau("power"),
        ))
        .await
        .expect("the power company records its cut")
        .into_inner();
    let order = power.standing_order.expect("a standing order");
    assert_eq!(
        (
            order.utility(),
            order.account_number.as_str(),
            order.meter_reading_at_cut.as_str()
        ),
        (pb::Utility::Power, "2308260012345", "48211.3")
    );
    let changes = changes_after(&scene, head + 2, 2).await;
    let recorded: pb::PowerCutRecorded = event(&changes[1]);
    assert_eq!(
        recorded.meter_reading_at_cut, "48211.3",
        "the reading at the cut"
    );
}

async fn a_clearing_is_verified_by_eco_not_by_the_township_and_wells_are_closed(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let mut client = scene.client();
    let materials = scene.item("clear_materials");
    let head = scene.utilities.settled_head(6).await;
    let answer = client
        .record_clearing(authorized(
            clearing("c1", &materials),
            &scene.township("yuelai"),
        ))
        .await
        .expect("the township records its clearing")
        .into_inner();
    let item = answer.work_item.expect("the item");
    assert_eq!(item.state(), wpb::State::Done, "done, awaiting eco");
    let changes = changes_after(&scene, head, 2).await;
    let recorded: pb::ClearingRecorded = event(&changes[1]);
    assert_eq!(
        (recorded.kind.as_str(), recorded.lines.len()),
        ("clear_materials", 1)
    );

    let verify = |request_id: &str| wpb::VerifyWorkItemRequest {
        request_id: request_id.into(),
        name: materials.clone(),
        etag: item.etag.clone(),
        evidence: photo(),
    };
    let mut items = scene.utilities.work_items();
    let refused = items
        .verify_work_item(authorized(verify("v0"), &scene.township("yuelai")))
        .await
        .expect_err("the township verifying its own clearing");
    assert_eq!(refused.code(), Code::PermissionDenied, "{refused:?}");
    assert_eq!(
        scene.utilities.settled_head(head + 2).await,
        head + 2,
        "nothing stored"
    );
    let verified = items
        .verify_work_item(authorized(verify("v1"), &scene.bureau("eco")))
        .await
        .expect("eco verifies")
        .into_inner();
    assert_eq!(verified.state(), wpb::State::Verified);

    let wells = client
        .record_well_closure(authorized(
            well_closure("k1", &scene.item("well_closure")),
            &scene.bureau("water"),
        ))
        .await
        .expect("the water bureau closes the wells")
        .into_inner();
    assert_eq!(wells.work_item.map(|i| i.state()), Some(wpb::State::Done));
    let changes = changes_after(&scene, head + 3, 2).await;
    let recorded: pb::WellClosureRecorded = event(&changes[1]);
    assert_eq!(
        (recorded.wells_closed, recorded.method()),
        (2, pb::WellClosureMethod::CementSealed)
    );
}

async fn reconnections_break_orders_and_readings_beyond_the_tolerance_raise_a_rebound(
    backend: Backend,
) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let mut client = scene.client();
    let (water_item, power_item) = (scene.item("water_cut"), scene.item("power_cut"));
    let power = scene.bureau("power");
    scene.cut_water().await;
    scene.cut_power(EXECUTED).await;
    scene.clock.advance(Duration::days(30));
    let head = scene.utilities.settled_head(10).await;

    let order = client
        .report_reconnection(authorized(
            reconnection("r1", &water_item, "2021-11-10T21:00:00+08:00"),
            &scene.bureau("eco"),
        ))
        .await
        .expect("eco reports the water back on")
        .into_inner();
    assert!(order.reconnected, "the order is broken");
    assert_eq!(order.reconnections.len(), 1, "{order:?}");
    assert_eq!(order.reconnections[0].reporter, "eco/eco-tester");
    let changes = changes_after(&scene, head, 1).await;
    let reported: pb::ReconnectionReported = event(&changes[0]);
    assert!(reported.first_report, "the first report");
    assert_eq!(
        scene.utilities.work_item(&water_item).await.state(),
        wpb::State::Done,
        "the item itself is left as it is"
    );

    let calm = client
        .submit_meter_reading(authorized(
            reading("m1", &power_item, "48213.9", "2021-11-10T10:00:00+08:00"),
            &power,
        ))
        .await
        .expect("a reading within the tolerance")
        .into_inner();
    assert_eq!(
        (calm.consumption_since_cut.as_str(), calm.rebound_suspected),
        ("2.6", false)
    );
    let changes = changes_after(&scene, head + 1, 1).await;
    assert_eq!(
        type_urls(&changes),
        [pb::MeterReadingSubmitted::type_url()],
        "no rebound"
    );

    let mut by_account = reading("m2", "", "48611.3", "2021-11-12T10:00:00+08:00");
    by_account.target = Some(pb::submit_meter_reading_request::Target::AccountNumber(
        "2308260012345".into(),
    ));
    let running = client
        .submit_meter_reading(authorized(by_account, &power))
        .await
        .expect("a reading beyond the tolerance, by account")
        .into_inner();
    assert_eq!(
        (
            running.consumption_since_cut.as_str(),
            running.rebound_suspected
        ),
        ("400", true)
    );
    let order = running.standing_order.expect("the order");
    assert!(order.rebound_suspected, "the order is flagged");
    assert_eq!(
        order.latest_reading.map(|r| r.reading),
        Some("48611.3".to_owned())
    );
    let changes = changes_after(&scene, head + 2, 2).await;
    assert_eq!(
        type_urls(&changes),
        [
            pb::MeterReadingSubmitted::type_url(),
            pb::ReboundSuspected::type_url()
        ],
        "the reading and the suspicion, once each"
    );
    let rebound: pb::ReboundSuspected = event(&changes[1]);
    assert_eq!(
        (
            rebound.work_item.as_str(),
            rebound.consumption_since_cut.as_str(),
            rebound.tolerance.as_str()
        ),
        (power_item.as_str(), "400", "5")
    );

    let list = |request: pb::ListStandingOrdersRequest, token: String| {
        let mut client = scene.client();
        async move {
            client
                .list_standing_orders(authorized(request, &token))
                .await
                .expect("list standing orders")
                .into_inner()
                .standing_orders
                .into_iter()
                .map(|o| o.work_item)
                .collect::<Vec<_>>()
        }
    };
    let cases = [
        (
            pb::ListStandingOrdersRequest::default(),
            scene.office(),
            2,
            "every order",
        ),
        (
            pb::ListStandingOrdersRequest {
                rebound_suspected_only: true,
                ..Default::default()
            },
            scene.office(),
            1,
            "rebound suspected",
        ),
        (
            pb::ListStandingOrdersRequest {
                reconnected_only: true,
                ..Default::default()
            },
            scene.bureau("eco"),
            1,
            "reconnected",
        ),
        (
            pb::ListStandingOrdersRequest {
                utility: pb::Utility::Power as i32,
                ..Default::default()
            },
            scene.bureau("power"),
            1,
            "power only",
        ),
        (
            pb::ListStandingOrdersRequest::default(),
            scene.township("yuelai"),
            2,
            "its own territory",
        ),
        (
            pb::ListStandingOrdersRequest::default(),
            scene.township("donghe"),
            0,
            "another township's",
        ),
    ];
    for (request, token, count, case) in cases {
        assert_eq!(list(request, token).await.len(), count, "{case}");
    }
}

on_both_backends!(
    cuts_complete_their_items_and_start_standing_orders,
    a_clearing_is_verified_by_eco_not_by_the_township_and_wells_are_closed,
    reconnections_break_orders_and_readings_beyond_the_tolerance_raise_a_rebound,
);
