//! The safety check through `SafetyService`, with the registry and safety as separate servers:
//! an upgrade plan gives safety its `safety_check` item; an inspection that finds a major hazard
//! blocks it with "重大隐患未整改"; fixing the hazard completes it. Each step's events are read
//! back from the feed, typed, exactly once; another bureau is refused.

mod common;

use common::*;
use prost::Name as _;
use rectify_proto::safety::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::conventions::refused;
use rectify_testkit::{Backend, authorized, event, on_both_backends, type_urls};
use tonic::Code;

async fn a_major_hazard_blocks_the_check_until_it_is_fixed(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    assert_eq!(
        scene.item.kind, "safety_check",
        "the upgrade plan's safety item"
    );
    assert_eq!(scene.item.executor, "safety");
    let head = scene.service.settled_head(1).await;

    let recorded = scene
        .inspect(scene.inspection(
            "i1",
            vec![
                hazard(pb::HazardLevel::General, "消防通道堆放杂物"),
                hazard(pb::HazardLevel::Major, "粉尘车间电气设备不防爆"),
            ],
        ))
        .await;
    let item = recorded.work_item.expect("the item");
    assert_eq!(
        item.state(),
        wpb::State::Blocked,
        "a major hazard blocks the check"
    );
    assert_eq!(item.blocked_reason, "重大隐患未整改");
    let inspection = recorded.inspection.expect("the inspection");
    assert_eq!(inspection.hazards.len(), 2);
    assert_eq!(inspection.inspectors, ["张伟", "刘洋"]);
    let changes = scene.service.changes_after(head, 2).await;
    assert_eq!(
        type_urls(&changes),
        [
            wpb::WorkItemBlocked::type_url(),
            pb::InspectionRecorded::type_url()
        ],
        "the block and the inspection, once each"
    );
    let found: pb::InspectionRecorded = event(&changes[1]);
    assert_eq!(found.open_major_hazards, 1);
    assert_eq!(found.hazards.len(), 2, "{found:?}");

    let got = scene
        .client()
        .get_inspection(authorized(
            pb::GetInspectionRequest {
                name: inspection.name.clone(),
            },
            &scene.office(),
        ))
        .await
        .expect("get inspection")
        .into_inner();
    assert_eq!(got, inspection, "a later read shows what the answer showed");

    let general = &inspection.hazards[0].name;
    let major = &inspection.hazards[1].name;
    let head = scene.service.feed_head().await;
    let fixed = scene
        .client()
        .record_hazard_fix(authorized(fix("f1", general), &scene.bureau("safety")))
        .await
        .expect("the general hazard fixed")
        .into_inner();
    assert_eq!(
        fixed.work_item.expect("item").state(),
        wpb::State::Blocked,
        "a general hazard never holds the check"
    );
    let changes = scene.service.changes_after(head, 1).await;
    assert_eq!(type_urls(&changes), [pb::HazardFixed::type_url()]);

    let by_eco = scene
        .client()
        .record_hazard_fix(authorized(fix("f2", major), &scene.bureau("eco")))
        .await;
    refused(by_eco, Code::PermissionDenied, "eco fixing a hazard");

    let fixed = scene
        .client()
        .record_hazard_fix(authorized(fix("f2", major), &scene.bureau("safety")))
        .await
        .expect("the major hazard fixed")
        .into_inner();
    let item = fixed.work_item.expect("item");
    assert_eq!(
        item.state(),
        wpb::State::Done,
        "the last major hazard fixed: done"
    );
    assert!(fixed.hazard.expect("hazard").fixed);
    let changes = scene.service.changes_after(head + 1, 3).await;
    assert_eq!(
        type_urls(&changes),
        [
            wpb::WorkItemUnblocked::type_url(),
            wpb::WorkItemCompleted::type_url(),
            pb::HazardFixed::type_url()
        ],
        "unblocked, completed and the fix, once each"
    );
    let open = scene
        .client()
        .list_hazards(authorized(
            pb::ListHazardsRequest {
                open_only: true,
                ..Default::default()
            },
            &scene.office(),
        ))
        .await
        .expect("list open hazards")
        .into_inner();
    assert!(open.hazards.is_empty(), "{open:?}");

    let again = scene
        .client()
        .record_hazard_fix(authorized(fix("f3", major), &scene.bureau("safety")))
        .await;
    refused(again, Code::FailedPrecondition, "a hazard fixed twice");
}

async fn a_clean_inspection_completes_the_check_and_only_safety_may_record(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let head = scene.service.settled_head(1).await;
    for bureau in ["eco", "market"] {
        let refused = scene
            .client()
            .record_inspection(authorized(
                scene.inspection("x1", Vec::new()),
                &scene.bureau(bureau),
            ))
            .await
            .expect_err("another bureau recording an inspection");
        assert_eq!(
            refused.code(),
            Code::PermissionDenied,
            "{bureau}: {refused:?}"
        );
    }
    assert_eq!(scene.service.feed_head().await, head, "nothing stored");
    let recorded = scene
        .inspect(scene.inspection("i1", vec![hazard(pb::HazardLevel::General, "灭火器过期")]))
        .await;
    assert_eq!(
        recorded.work_item.as_ref().expect("item").state(),
        wpb::State::Done,
        "general hazards only: the check passes"
    );
    let changes = scene.service.changes_after(head, 2).await;
    assert_eq!(
        type_urls(&changes),
        [
            wpb::WorkItemCompleted::type_url(),
            pb::InspectionRecorded::type_url()
        ]
    );
    let retried = scene
        .inspect(scene.inspection("i1", vec![hazard(pb::HazardLevel::General, "灭火器过期")]))
        .await;
    assert_eq!(retried, recorded, "a retry gets the first answer");
    let listed = scene
        .client()
        .list_inspections(authorized(
            pb::ListInspectionsRequest {
                enterprise: scene.enterprise.clone(),
                ..Default::default()
            },
            &scene.office(),
        ))
        .await
        .expect("list inspections")
        .into_inner();
    assert_eq!(listed.inspections.len(), 1, "recorded once");
}

on_both_backends!(
    a_major_hazard_blocks_the_check_until_it_is_fixed,
    a_clean_inspection_completes_the_check_and_only_safety_may_record
);
