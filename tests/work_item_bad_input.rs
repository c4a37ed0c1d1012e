//! Every bad input of every `WorkItemService` method is refused with INVALID_ARGUMENT (or
//! NOT_FOUND), names every bad field, and stores nothing: the item keeps its etag and history,
//! and the service's feed records no change.

mod support;

use std::future::Future;
use std::pin::Pin;

use chrono::Duration;
use rectify_kit::auth::PartyKind;
use rectify_kit::parse::timestamp;
use rectify_proto::common::v1::GeoPoint;
use rectify_proto::workitems::v1 as pb;
use rectify_testkit::conventions::{assert_error_shape, violated_fields};
use rectify_testkit::{Backend, authorized, on_both_backends};
use support::{AnyBureau, Bureau, NOW, at, of_kind, photo};
use tonic::{Code, Status};

type Call = Pin<Box<dyn Future<Output = Result<(), Status>> + Send>>;

fn call<T>(
    answer: impl Future<Output = Result<tonic::Response<T>, Status>> + Send + 'static,
) -> Call {
    Box::pin(async move { answer.await.map(|_| ()) })
}

/// Evidence of the photo, changed by `edit`.
fn evidence(edit: impl FnOnce(&mut pb::Evidence)) -> Option<pb::Evidence> {
    let mut evidence = photo().expect("the photo");
    edit(&mut evidence);
    Some(evidence)
}

async fn every_bad_input_is_refused_with_its_fields_and_nothing_is_stored(backend: Backend) {
    let Some((bureau, _, items)) = Bureau::<AnyBureau>::spawn_with_plan(backend).await else {
        return;
    };
    let water = of_kind(&items, "water_cut").clone();
    let (name, etag) = (water.name.clone(), water.etag.clone());
    let client = bureau.items();
    let executor = bureau.token("water", PartyKind::Bureau);
    let (verifier, office) = (
        bureau.token("eco", PartyKind::Bureau),
        bureau.service.office(),
    );

    let get = |r: pb::GetWorkItemRequest| {
        let (mut c, t) = (client.clone(), office.clone());
        call(async move { c.get_work_item(authorized(r, &t)).await })
    };
    let list = |r: pb::ListWorkItemsRequest| {
        let (mut c, t) = (client.clone(), office.clone());
        call(async move { c.list_work_items(authorized(r, &t)).await })
    };
    let start = |r: pb::StartWorkItemRequest| {
        let (mut c, t) = (client.clone(), executor.clone());
        call(async move { c.start_work_item(authorized(r, &t)).await })
    };
    let complete = |evidence: Option<pb::Evidence>| {
        let (mut c, t) = (client.clone(), executor.clone());
        let r = pb::CompleteWorkItemRequest {
            request_id: String::new(),
            name: name.clone(),
            etag: etag.clone(),
            evidence,
        };
        call(async move { c.complete_work_item(authorized(r, &t)).await })
    };
    let verify = |r: pb::VerifyWorkItemRequest| {
        let (mut c, t) = (client.clone(), verifier.clone());
        call(async move { c.verify_work_item(authorized(r, &t)).await })
    };
    let reject = |r: pb::RejectWorkItemRequest| {
        let (mut c, t) = (client.clone(), verifier.clone());
        call(async move { c.reject_work_item(authorized(r, &t)).await })
    };
    let block = |r: pb::BlockWorkItemRequest| {
        let (mut c, t) = (client.clone(), executor.clone());
        call(async move { c.block_work_item(authorized(r, &t)).await })
    };
    let unblock = |r: pb::UnblockWorkItemRequest| {
        let (mut c, t) = (client.clone(), executor.clone());
        call(async move { c.unblock_work_item(authorized(r, &t)).await })
    };
    let waive = |r: pb::WaiveWorkItemRequest| {
        let (mut c, t) = (client.clone(), office.clone());
        call(async move { c.waive_work_item(authorized(r, &t)).await })
    };
    let n = || name.clone();
    let long = "字".repeat(501);
    let tomorrow = timestamp(at(NOW) + Duration::days(1));

    let invalid = Code::InvalidArgument;
    let cases: Vec<(&str, Call, Code, &[&str])> = vec![
        (
            "get, malformed name",
            get(pb::GetWorkItemRequest { name: "x".into() }),
            invalid,
            &["name"],
        ),
        (
            "get, upper case id",
            get(pb::GetWorkItemRequest {
                name: "workItems/ABC".into(),
            }),
            invalid,
            &["name"],
        ),
        (
            "get, no such item",
            get(pb::GetWorkItemRequest {
                name: "workItems/0190f0a0-5b3c-7000-8000-00000000002a".into(),
            }),
            Code::NotFound,
            &[],
        ),
        (
            "list, unknown state",
            list(pb::ListWorkItemsRequest {
                state: 99,
                ..Default::default()
            }),
            invalid,
            &["state"],
        ),
        (
            "list, enterprise not enterprises/{id}",
            list(pb::ListWorkItemsRequest {
                enterprise: "plans/1".into(),
                ..Default::default()
            }),
            invalid,
            &["enterprise"],
        ),
        (
            "list, unknown party, jurisdiction and kind",
            list(pb::ListWorkItemsRequest {
                executor: "nobody".into(),
                jurisdiction: "eco".into(),
                kind: "teleport".into(),
                ..Default::default()
            }),
            invalid,
            &["executor", "jurisdiction", "kind"],
        ),
        (
            "list, negative page size",
            list(pb::ListWorkItemsRequest {
                page_size: -1,
                ..Default::default()
            }),
            invalid,
            &["page_size"],
        ),
        (
            "list, forged page token",
            list(pb::ListWorkItemsRequest {
                page_token: "e30".into(),
                ..Default::default()
            }),
            invalid,
            &["page_token"],
        ),
        (
            "start, no name",
            start(pb::StartWorkItemRequest::default()),
            invalid,
            &["name"],
        ),
        (
            "start, note too long",
            start(pb::StartWorkItemRequest {
                name: n(),
                note: long.clone(),
                ..Default::default()
            }),
            invalid,
            &["note"],
        ),
        (
            "start, request_id with a space",
            start(pb::StartWorkItemRequest {
                name: n(),
                request_id: "a b".into(),
                ..Default::default()
            }),
            invalid,
            &["request_id"],
        ),
        (
            "complete, no evidence",
            complete(None),
            invalid,
            &["evidence"],
        ),
        (
            "complete, hash not 64 hex",
            complete(evidence(|e| e.attachments[0].sha256 = "abc".into())),
            invalid,
            &["evidence.attachments[0].sha256"],
        ),
        (
            "complete, taken tomorrow",
            complete(evidence(|e| e.taken_at = Some(tomorrow))),
            invalid,
            &["evidence.taken_at"],
        ),
        (
            "complete, taken in Beijing, no media type",
            complete(evidence(|e| {
                e.location = Some(GeoPoint {
                    latitude: 39.9,
                    longitude: 116.4,
                });
                e.attachments[0].media_type = String::new();
            })),
            invalid,
            &["evidence.attachments[0].media_type", "evidence.location"],
        ),
        (
            "complete, a note but no attachment",
            complete(evidence(|e| e.attachments.clear())),
            invalid,
            &["evidence.attachments"],
        ),
        (
            "verify, no evidence, bad name",
            verify(pb::VerifyWorkItemRequest {
                name: "workItems/".into(),
                ..Default::default()
            }),
            invalid,
            &["evidence", "name"],
        ),
        (
            "reject, no reason, no evidence",
            reject(pb::RejectWorkItemRequest {
                name: n(),
                ..Default::default()
            }),
            invalid,
            &["reason", "evidence"],
        ),
        (
            "block, blank reason, bad hash",
            block(pb::BlockWorkItemRequest {
                name: n(),
                reason: " \u{3000} ".into(),
                evidence: evidence(|e| e.attachments[0].sha256 = "g".repeat(64)),
                ..Default::default()
            }),
            invalid,
            &["reason", "evidence.attachments[0].sha256"],
        ),
        (
            "unblock, note too long",
            unblock(pb::UnblockWorkItemRequest {
                name: n(),
                note: long.clone(),
                ..Default::default()
            }),
            invalid,
            &["note"],
        ),
        (
            "waive, no reason",
            waive(pb::WaiveWorkItemRequest {
                name: n(),
                ..Default::default()
            }),
            invalid,
            &["reason"],
        ),
        (
            "waive, reason too long",
            waive(pb::WaiveWorkItemRequest {
                name: n(),
                reason: long.clone(),
                ..Default::default()
            }),
            invalid,
            &["reason"],
        ),
    ];
    for (what, answer, code, fields) in cases {
        let status = answer.await.expect_err(what);
        let reason = if code == invalid {
            "INVALID_ARGUMENT"
        } else {
            "NOT_FOUND"
        };
        assert_error_shape(&status, code, reason, what);
        assert_eq!(
            violated_fields(&status),
            fields,
            "{what}: the bad fields, every one"
        );
    }

    let after = bureau.get(&name).await;
    assert_eq!(
        (after.etag, after.history.len()),
        (etag, 1),
        "the item is unchanged"
    );
    assert_eq!(
        bureau.service.settled_head(6).await,
        6,
        "no change recorded but the creations"
    );
}

on_both_backends!(every_bad_input_is_refused_with_its_fields_and_nothing_is_stored);
