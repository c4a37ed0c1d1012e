//! Every bad input of `CoordinatorService` is INVALID_ARGUMENT naming the field, in the
//! documented shape (English message, Chinese localized message, ErrorInfo, BadRequest), and a
//! refused sign-off changes nothing.

mod common;

use common::Scene;
use futures::future::BoxFuture;
use rectify_proto::coordinator::v1 as pb;
use rectify_testkit::conventions::assert_invalid_field;
use rectify_testkit::{Backend, authorized, on_both_backends};

type Call = BoxFuture<'static, Result<(), tonic::Status>>;

async fn every_bad_input_is_an_invalid_argument_naming_its_field(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let office = scene.office();
    let c = || scene.client();
    let cases: Vec<(&str, &str, Call)> = vec![
        ("no dimension", "dimension", {
            let mut c = c();
            let r = authorized(pb::ListSummariesRequest { dimension: 0 }, &office);
            Box::pin(async move { c.list_summaries(r).await.map(drop) })
        }),
        ("unknown dimension", "dimension", {
            let mut c = c();
            let r = authorized(pb::ListSummariesRequest { dimension: 99 }, &office);
            Box::pin(async move { c.list_summaries(r).await.map(drop) })
        }),
        (
            "a jurisdiction's name instead of its code",
            "jurisdiction",
            {
                let mut c = c();
                let r = authorized(
                    pb::ListEnterpriseProgressRequest {
                        jurisdiction: "悦来镇".into(),
                        ..Default::default()
                    },
                    &office,
                );
                Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
            },
        ),
        ("unknown category", "category", {
            let mut c = c();
            let r = authorized(
                pb::ListEnterpriseProgressRequest {
                    category: 42,
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
        }),
        ("unknown state", "state", {
            let mut c = c();
            let r = authorized(
                pb::ListEnterpriseProgressRequest {
                    state: 42,
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
        }),
        ("unknown completion", "completion", {
            let mut c = c();
            let r = authorized(
                pb::ListEnterpriseProgressRequest {
                    completion: 42,
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
        }),
        ("unknown flag", "flag", {
            let mut c = c();
            let r = authorized(
                pb::ListEnterpriseProgressRequest {
                    flag: 42,
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
        }),
        ("a query too long", "query", {
            let mut c = c();
            let r = authorized(
                pb::ListEnterpriseProgressRequest {
                    query: "米".repeat(101),
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
        }),
        ("a negative page size", "page_size", {
            let mut c = c();
            let r = authorized(
                pb::ListEnterpriseProgressRequest {
                    page_size: -1,
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
        }),
        ("a page token made up", "page_token", {
            let mut c = c();
            let r = authorized(
                pb::ListEnterpriseProgressRequest {
                    page_token: "not-a-token".into(),
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
        }),
        ("an enterprise name without its collection", "name", {
            let mut c = c();
            let r = authorized(
                pb::GetEnterpriseProgressRequest { name: "e1".into() },
                &office,
            );
            Box::pin(async move { c.get_enterprise_progress(r).await.map(drop) })
        }),
        ("a timeline of no enterprise", "name", {
            let mut c = c();
            let r = authorized(
                pb::GetEnterpriseTimelineRequest {
                    name: String::new(),
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.get_enterprise_timeline(r).await.map(drop) })
        }),
        ("an unknown executor", "executor", {
            let mut c = c();
            let r = authorized(
                pb::ListOverdueItemsRequest {
                    executor: "水务局".into(),
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_overdue_items(r).await.map(drop) })
        }),
        (
            "overdue items of an unknown jurisdiction",
            "jurisdiction",
            {
                let mut c = c();
                let r = authorized(
                    pb::ListOverdueItemsRequest {
                        jurisdiction: "nowhere".into(),
                        ..Default::default()
                    },
                    &office,
                );
                Box::pin(async move { c.list_overdue_items(r).await.map(drop) })
            },
        ),
        ("a rebound list by a supervision flag", "flag", {
            let mut c = c();
            let r = authorized(
                pb::ListReboundsRequest {
                    flag: pb::Flag::Discrepancy as i32,
                    ..Default::default()
                },
                &office,
            );
            Box::pin(async move { c.list_rebounds(r).await.map(drop) })
        }),
        ("a sign-off of no enterprise", "name", {
            let mut c = c();
            let r = authorized(
                pb::SignOffEnterpriseRequest {
                    request_id: "s1".into(),
                    name: "enterprises/".into(),
                    note: String::new(),
                },
                &office,
            );
            Box::pin(async move { c.sign_off_enterprise(r).await.map(drop) })
        }),
        ("a sign-off note too long", "note", {
            let mut c = c();
            let r = authorized(
                pb::SignOffEnterpriseRequest {
                    request_id: "s2".into(),
                    name: "enterprises/e1".into(),
                    note: "完".repeat(501),
                },
                &office,
            );
            Box::pin(async move { c.sign_off_enterprise(r).await.map(drop) })
        }),
        ("a request_id not printable ASCII", "request_id", {
            let mut c = c();
            let r = authorized(
                pb::SignOffEnterpriseRequest {
                    request_id: "销号一".into(),
                    name: "enterprises/e1".into(),
                    note: String::new(),
                },
                &office,
            );
            Box::pin(async move { c.sign_off_enterprise(r).await.map(drop) })
        }),
        ("anchors of a service not followed", "service", {
            let mut c = c();
            let r = authorized(
                pb::GetAuditAnchorsRequest {
                    service: "coordinator".into(),
                },
                &office,
            );
            Box::pin(async move { c.get_audit_anchors(r).await.map(drop) })
        }),
    ];
    for (case, field, call) in cases {
        let status = call.await.expect_err(case);
        assert_invalid_field(&status, field, case);
    }
    let head = scene.coordinator.feed_head().await;
    assert_eq!(head, 0, "no refused sign-off recorded anything");
}

on_both_backends!(every_bad_input_is_an_invalid_argument_naming_its_field);
