//! Rebound patrols with the registry, environment and utilities as separate servers: a close
//! plan gives environment its `rebound_patrol` item; a patrol finding the workshop running
//! reopens the enterprise in the registry under environment's identity, once however often the
//! patrol is retried; another bureau's or township's patrol is PERMISSION_DENIED; a rebound
//! suspected by utilities makes the patrol due at once.

mod common;

use common::*;
use prost::Name as _;
use rectify_proto::environment::v1 as pb;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::utilities::v1 as upb;
use rectify_proto::utilities::v1::utilities_service_client::UtilitiesServiceClient;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::conventions::refused;
use rectify_testkit::workitems::{WorkItemHarness as _, of_kind};
use rectify_testkit::{Backend, authorized, event, of_type, on_both_backends};
use tonic::Code;

async fn a_patrol_finding_the_workshop_running_reopens_it_in_the_registry_once(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    assert_eq!(
        scene.patrol_item.kind, "rebound_patrol",
        "environment holds the patrol"
    );
    scene.sign_off().await;
    let item = scene.patrol_item.name.clone();
    let mut client = scene.client();
    let head = scene.service.settled_head(1).await;

    for (token, who) in [
        (scene.service.bureau("water"), "another bureau"),
        (scene.service.township("donghe"), "another township"),
        (scene.service.service("utilities"), "a service"),
    ] {
        let patrolled = client
            .record_rebound_patrol(authorized(patrol("p0", &item, true), &token))
            .await;
        refused(patrolled, Code::PermissionDenied, who);
    }
    scene.assert_nothing_stored(head).await;

    let answer = client
        .record_rebound_patrol(authorized(patrol("p1", &item, true), &scene.eco()))
        .await
        .expect("eco records the patrol")
        .into_inner();
    assert_eq!(
        (
            answer.reopen_state(),
            answer.work_item.as_ref().map(|i| i.state())
        ),
        (pb::ReopenState::Reopened, Some(wpb::State::Done)),
        "eco's first patrol reopens the enterprise and completes the item: {answer:?}"
    );
    let enterprise = scene.enterprise().await;
    assert_eq!(
        enterprise.state(),
        rpb::LifecycleState::Published,
        "reopened"
    );
    assert!(
        enterprise.reopen_reason.contains("防反弹巡查"),
        "{enterprise:?}"
    );

    let retried = client
        .record_rebound_patrol(authorized(patrol("p1", &item, true), &scene.eco()))
        .await
        .expect("a retry")
        .into_inner();
    assert_eq!(retried, answer, "a retry gets the first answer");

    let registry_feed = scene.registry.whole_feed(&scene.registry.office()).await;
    let reopened = of_type::<rpb::EnterpriseReopened>(&registry_feed);
    assert_eq!(reopened.len(), 1, "reopened once");
    assert!(
        reopened[0].actor.starts_with("environment/"),
        "{:?}",
        reopened[0].actor
    );
    let event: rpb::EnterpriseReopened = event(reopened[0]);
    assert!(
        event.reason.contains(&answer.patrol.expect("patrol").name),
        "{event:?}"
    );

    let own: Vec<String> = scene
        .service
        .whole_feed(&scene.service.office())
        .await
        .into_iter()
        .filter(|c| c.seq > head)
        .filter_map(|c| c.event.map(|e| e.type_url))
        .collect();
    assert!(own.contains(&pb::PatrolRecorded::type_url()), "{own:?}");
    assert!(own.contains(&pb::ReboundFound::type_url()), "{own:?}");
}

async fn the_township_patrols_its_own_workshop_without_completing_the_item(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, false).await else {
        return;
    };
    let item = scene.patrol_item.name.clone();
    let answer = scene
        .client()
        .record_rebound_patrol(authorized(
            patrol("t1", &item, false),
            &scene.service.township("yuelai"),
        ))
        .await
        .expect("the enterprise's township patrols")
        .into_inner();
    assert_eq!(answer.reopen_state(), pb::ReopenState::NotNeeded);
    assert_eq!(
        answer.work_item.map(|i| i.state()),
        Some(wpb::State::Pending),
        "eco completes the item"
    );
}

async fn a_rebound_suspected_by_utilities_makes_the_patrol_due_at_once(backend: Backend) {
    let Some(scene) = Scene::spawn(backend, true).await else {
        return;
    };
    assert!(scene.due().await.is_empty(), "not due before the interval");
    let utilities = scene.utilities.as_ref().expect("utilities");
    let items = utilities.items_of(&scene.enterprise, 6).await;
    let power = of_kind(&items, "power_cut").name.clone();
    let mut client = UtilitiesServiceClient::new(utilities.channel());
    let power_token = utilities.bureau("power");
    client
        .record_power_cut(authorized(
            upb::RecordPowerCutRequest {
                request_id: "cut".into(),
                work_item: power.clone(),
                etag: String::new(),
                account_number: "2308260012345".into(),
                meter_number: "DB-7731".into(),
                meter_reading_at_cut: "48211.3".into(),
                executed_at: when("2021-10-15T08:00:00+08:00"),
                evidence: photo(),
            },
            &power_token,
        ))
        .await
        .expect("the power cut");
    let reading = client
        .submit_meter_reading(authorized(
            upb::SubmitMeterReadingRequest {
                request_id: "read".into(),
                target: Some(upb::submit_meter_reading_request::Target::WorkItem(power)),
                reading: "48300".into(),
                read_at: when(EARLIER),
                evidence: None,
            },
            &power_token,
        ))
        .await
        .expect("a reading above the tolerance")
        .into_inner();
    assert!(reading.rebound_suspected, "{reading:?}");
    let mut due = Vec::new();
    for _ in 0..200 {
        due = scene.due().await;
        if !due.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(due.len(), 1, "due at once: {due:?}");
    assert_eq!(due[0].enterprise, scene.enterprise);
    assert!(
        due[0].rebound_suspected && due[0].due_date == "2021-10-15",
        "{due:?}"
    );
}

on_both_backends!(
    a_patrol_finding_the_workshop_running_reopens_it_in_the_registry_once,
    the_township_patrols_its_own_workshop_without_completing_the_item,
    a_rebound_suspected_by_utilities_makes_the_patrol_due_at_once,
);
