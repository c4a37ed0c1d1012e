//! Reading work items: overdue is derived from the one clock when read (and `overdue_only`
//! filters on it), lists filter and page, and a township reads only its own territory while
//! the office reads all.

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

on_both_backends!(overdue_is_derived_from_the_clock_and_a_township_reads_only_its_own);
