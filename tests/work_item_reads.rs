//! Reading work items: overdue is derived from the one clock when read (and `overdue_only`
//! filters on it), lists filter and page, a township reads only its own territory while the
//! office reads all, and a stored value that does not parse is INTERNAL, never a default.

mod support;

use rectify_kit::auth::PartyKind;
use rectify_proto::workitems::v1 as pb;
use rectify_testkit::registry::RegistryHarness;
use rectify_testkit::{Backend, authorized, on_both_backends};
use support::{AnyBureau, Bureau, at, of_kind, photo, refusal};
use tonic::Code;

async fn overdue_is_derived_from_the_clock_and_a_township_reads_only_its_own(backend: Backend) {
    let Some(bureau) = Bureau::<AnyBureau>::spawn(backend).await else {
        return;
    };
    let yuelai_plan = bureau
        .registry
        .publish_close_plan("yuelai", "悦来镇宏达米业")
        .await;
    let donghe_plan = bureau
        .registry
        .publish_close_plan("donghe", "东河乡永兴砖厂")
        .await;
    let items = bureau.wait_for_items(&yuelai_plan, 6).await;
    bureau.wait_for_items(&donghe_plan, 6).await;
    let office = bureau.service.office();
    let overdue_only = pb::ListWorkItemsRequest {
        overdue_only: true,
        ..Default::default()
    };
    assert!(
        bureau.list(&office, overdue_only.clone()).await.is_empty(),
        "nothing overdue in October"
    );

    let wells = of_kind(&items, "well_closure");
    bureau
        .items()
        .complete_work_item(authorized(
            pb::CompleteWorkItemRequest {
                request_id: "c1".into(),
                name: wells.name.clone(),
                evidence: photo(),
                ..Default::default()
            },
            &bureau.token("water", PartyKind::Bureau),
        ))
        .await
        .expect("wells closed: complete, no verification needed");
    bureau.clock.set(at("2022-01-01T00:00:00+08:00"));
    let overdue = bureau.list(&office, overdue_only.clone()).await;
    assert_eq!(
        overdue.len(),
        11,
        "every open item of both enterprises but the closed wells"
    );
    assert!(overdue.iter().all(|i| i.overdue), "each marked overdue");
    assert!(
        !bureau.get(&wells.name).await.overdue,
        "a complete item is never overdue"
    );
    let small = bureau
        .items()
        .list_work_items(authorized(
            pb::ListWorkItemsRequest {
                page_size: 4,
                ..overdue_only.clone()
            },
            &office,
        ))
        .await
        .expect("a first page")
        .into_inner();
    assert_eq!(small.work_items.len(), 4, "page size kept");
    assert!(!small.next_page_token.is_empty(), "more pages");

    let yuelai = bureau.token("yuelai", PartyKind::Jurisdiction);
    let own = bureau.list(&yuelai, Default::default()).await;
    assert_eq!(own.len(), 6, "a township lists its own territory only");
    assert!(
        own.iter().all(|i| i.jurisdiction == "yuelai"),
        "yuelai's items"
    );
    let by_kind = bureau
        .list(
            &office,
            pb::ListWorkItemsRequest {
                kind: "water_cut".into(),
                executor: "water".into(),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(by_kind.len(), 2, "one water cut per enterprise");
    let others = bureau
        .items()
        .list_work_items(authorized(
            pb::ListWorkItemsRequest {
                jurisdiction: "donghe".into(),
                ..Default::default()
            },
            &yuelai,
        ))
        .await;
    assert_eq!(
        refusal(others).0,
        Code::PermissionDenied,
        "another township's list"
    );
    let donghe_item = bureau
        .list(
            &office,
            pb::ListWorkItemsRequest {
                jurisdiction: "donghe".into(),
                ..Default::default()
            },
        )
        .await;
    let read = bureau
        .items()
        .get_work_item(authorized(
            pb::GetWorkItemRequest {
                name: donghe_item[0].name.clone(),
            },
            &yuelai,
        ))
        .await;
    assert_eq!(
        refusal(read).0,
        Code::PermissionDenied,
        "another township's item"
    );
}

async fn a_stored_value_that_does_not_parse_is_internal_not_a_default(backend: Backend) {
    let Some((bureau, _, items)) = Bureau::<AnyBureau>::spawn_with_plan(backend).await else {
        return;
    };
    let office = bureau.service.office();
    let name = items[0].name.clone();
    // (what, how it is broken, how it is put back)
    let cases: [(&str, &'static str, &'static str); 4] = [
        (
            "unknown state",
            "UPDATE work_items SET state = 'exploded'",
            "UPDATE work_items SET state = 'pending'",
        ),
        (
            "blocked without the state it was blocked from",
            "UPDATE work_items SET state = 'blocked'",
            "UPDATE work_items SET state = 'pending'",
        ),
        (
            "a deadline that is no date",
            "UPDATE work_items SET deadline = '2021-13-45'",
            "UPDATE work_items SET deadline = '2021-12-31'",
        ),
        (
            "an unknown action in the history",
            "UPDATE work_item_steps SET action = 'teleport'",
            "UPDATE work_item_steps SET action = 'create'",
        ),
    ];
    for (case, broken, repaired) in cases {
        bureau.service.db.execute(broken).await;
        let read = bureau
            .items()
            .get_work_item(authorized(
                pb::GetWorkItemRequest { name: name.clone() },
                &office,
            ))
            .await;
        let status = read.expect_err(case);
        assert_eq!(status.code(), Code::Internal, "{case}: {status:?}");
        for secret in ["exploded", "2021-13-45", "teleport", "work_items"] {
            assert!(
                !status.message().contains(secret),
                "{case}: {}",
                status.message()
            );
        }
        if !case.contains("history") {
            let listed = bureau
                .items()
                .list_work_items(authorized(pb::ListWorkItemsRequest::default(), &office))
                .await;
            assert_eq!(
                listed.map(|_| ()).map_err(|s| s.code()),
                Err(Code::Internal),
                "{case}: a list with the row fails too, rather than showing a default"
            );
        }
        bureau.service.db.execute(repaired).await;
        assert_eq!(bureau.get(&name).await.name, name, "{case}: repaired");
    }
}

on_both_backends!(
    overdue_is_derived_from_the_clock_and_a_township_reads_only_its_own,
    a_stored_value_that_does_not_parse_is_internal_not_a_default,
);
