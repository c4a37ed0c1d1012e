//! The API conventions every service inherits (rectify_testkit's `conventions`), run for
//! `UtilitiesService`: the `authorization` metadata, request_id limits and reuse; and its page
//! tokens, which continue a list without repeating or skipping an order.

mod common;

use common::*;
use rectify_proto::utilities::v1 as pb;
use rectify_testkit::conventions::{self, with_authorization};
use rectify_testkit::{Backend, authorized, on_both_backends};

async fn authorization_mistakes_are_explained(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let water_item = scene.item("water_cut");
    conventions::check_authorization("ListStandingOrders", &scene.office(), |authorization| {
        let mut client = scene.client();
        async move {
            client
                .list_standing_orders(with_authorization(
                    pb::ListStandingOrdersRequest::default(),
                    authorization.as_deref(),
                ))
                .await
        }
    })
    .await;
    conventions::check_authorization("RecordWaterCut", &scene.bureau("water"), |authorization| {
        let mut client = scene.client();
        let request = water_cut("auth", &water_item);
        async move {
            client
                .record_water_cut(with_authorization(request, authorization.as_deref()))
                .await
        }
    })
    .await;
}

async fn request_ids_are_at_most_128_printable_ascii_characters(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let (water_item, water) = (scene.item("water_cut"), scene.bureau("water"));
    conventions::check_request_id_limits(
        "RecordWaterCut",
        |request_id| {
            let mut client = scene.client();
            let request = water_cut(&request_id, &water_item);
            let water = water.clone();
            async move { client.record_water_cut(authorized(request, &water)).await }
        },
        || stored(&scene),
    )
    .await;
}

async fn a_request_id_reused_for_another_request_is_refused_and_changes_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let (water_item, water) = (scene.item("water_cut"), scene.bureau("water"));
    scene.cut_water().await;
    let found = "2021-10-15T09:45:00+08:00";
    let first = |request_id: String| {
        let mut client = scene.client();
        let request = reconnection(&request_id, &water_item, found);
        let water = water.clone();
        async move {
            client
                .report_reconnection(authorized(request, &water))
                .await
        }
    };
    conventions::check_request_id_reuse(
        "ReportReconnection",
        first,
        |request_id| {
            let mut client = scene.client();
            let mut request = reconnection(&request_id, &water_item, found);
            request.note = "另一次报告".into();
            let water = water.clone();
            async move {
                client
                    .report_reconnection(authorized(request, &water))
                    .await
            }
        },
        || stored(&scene),
    )
    .await;
    let wells = scene.item("well_closure");
    conventions::check_request_id_reuse(
        "ReportReconnection then RecordWellClosure",
        first,
        |request_id| {
            let mut client = scene.client();
            let request = well_closure(&request_id, &wells);
            let water = water.clone();
            async move {
                client
                    .record_well_closure(authorized(request, &water))
                    .await
            }
        },
        || stored(&scene),
    )
    .await;
}

async fn pages_of_standing_orders_continue_without_repeating(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let mut client = scene.client();
    let (water_item, power_item) = (scene.item("water_cut"), scene.item("power_cut"));
    scene.cut_water().await;
    scene.cut_power("2021-10-15T09:50:00+08:00").await;
    let mut seen = Vec::new();
    let mut page_token = String::new();
    loop {
        let page = client
            .list_standing_orders(authorized(
                pb::ListStandingOrdersRequest {
                    page_size: 1,
                    page_token,
                    ..Default::default()
                },
                &scene.office(),
            ))
            .await
            .expect("a page")
            .into_inner();
        seen.extend(page.standing_orders.into_iter().map(|o| o.work_item));
        if page.next_page_token.is_empty() {
            break;
        }
        page_token = page.next_page_token;
        assert!(seen.len() <= 2, "the pages end: {seen:?}");
    }
    assert_eq!(
        seen,
        [power_item, water_item],
        "newest cut first, each once"
    );
}

on_both_backends!(
    authorization_mistakes_are_explained,
    request_ids_are_at_most_128_printable_ascii_characters,
    a_request_id_reused_for_another_request_is_refused_and_changes_nothing,
    pages_of_standing_orders_continue_without_repeating,
);
