//! Work items move through `WorkItemService` as the state machine allows, by whom it allows:
//! the township starts and completes a clearing with evidence and eco verifies it; eco sends
//! work back; the wrong party, an illegal step and a stale etag are refused and change nothing;
//! a retried request returns its first answer; each move is one typed event on the feed.
//! Utilities refuses `CompleteWorkItem` for the kinds it records through its own methods.

mod support;

use prost::Name as _;
use rectify_kit::auth::PartyKind;
use rectify_proto::workitems::v1 as pb;
use rectify_testkit::{Backend, authorized, event, on_both_backends};
use rectify_utilities::Utilities;
use support::{AnyBureau, Bureau, UTILITIES_KINDS, of_kind, photo, refusal};
use tonic::Code;

const JURISDICTION: PartyKind = PartyKind::Jurisdiction;
const BUREAU: PartyKind = PartyKind::Bureau;

fn start(name: &str, etag: &str, request_id: &str) -> pb::StartWorkItemRequest {
    pb::StartWorkItemRequest {
        request_id: request_id.into(),
        name: name.into(),
        etag: etag.into(),
        note: "今日进场".into(),
    }
}

async fn the_township_clears_eco_verifies_and_every_wrong_move_is_refused(backend: Backend) {
    let Some((bureau, _, items)) = Bureau::<AnyBureau>::spawn_with_plan(backend).await else {
        return;
    };
    let mut client = bureau.items();
    let (yuelai, eco) = (
        bureau.token("yuelai", JURISDICTION),
        bureau.token("eco", BUREAU),
    );
    let (water, power) = (bureau.token("water", BUREAU), bureau.token("power", BUREAU));
    let clearing = of_kind(&items, "clear_materials").clone();

    let started = client
        .start_work_item(authorized(
            start(&clearing.name, &clearing.etag, "s1"),
            &yuelai,
        ))
        .await
        .expect("the township starts its clearing")
        .into_inner();
    assert_eq!(started.state(), pb::State::InProgress, "started");
    let again = client
        .start_work_item(authorized(
            start(&clearing.name, &clearing.etag, "s1"),
            &yuelai,
        ))
        .await
        .expect("a retry with the same request_id")
        .into_inner();
    assert_eq!(
        again, started,
        "a retry gets the first answer and changes nothing"
    );

    let done = client
        .complete_work_item(authorized(
            pb::CompleteWorkItemRequest {
                request_id: "c1".into(),
                name: clearing.name.clone(),
                etag: started.etag.clone(),
                evidence: photo(),
            },
            &yuelai,
        ))
        .await
        .expect("the township completes with a photo")
        .into_inner();
    assert_eq!(done.state(), pb::State::Done, "done, awaiting eco");
    let verify = |request_id: &str| pb::VerifyWorkItemRequest {
        request_id: request_id.into(),
        name: clearing.name.clone(),
        etag: done.etag.clone(),
        evidence: photo(),
    };
    let own = client
        .verify_work_item(authorized(verify("v0"), &yuelai))
        .await;
    assert_eq!(
        refusal(own),
        (Code::PermissionDenied, "NOT_VERIFIER".into(), vec![]),
        "the township may not verify its own clearing"
    );
    let verified = client
        .verify_work_item(authorized(verify("v1"), &eco))
        .await
        .expect("eco verifies")
        .into_inner();
    assert_eq!(verified.state(), pb::State::Verified, "verified");
    let steps: Vec<_> = verified.history.iter().map(|s| s.action()).collect();
    let expected = [
        pb::Action::Create,
        pb::Action::Start,
        pb::Action::Complete,
        pb::Action::Verify,
    ];
    assert_eq!(steps, expected, "every step in the history");
    let evidence = verified.history[2]
        .evidence
        .clone()
        .expect("the completion's evidence");
    assert_eq!(
        evidence.recorded_by, "yuelai/yuelai-tester",
        "recorded by the township"
    );
    assert_eq!(
        evidence.attachments[0].sha256,
        support::PHOTO,
        "the photo's hash"
    );

    let products = of_kind(&items, "clear_products").clone();
    let reported = client
        .complete_work_item(authorized(
            pb::CompleteWorkItemRequest {
                request_id: "c2".into(),
                name: products.name.clone(),
                etag: products.etag.clone(),
                evidence: photo(),
            },
            &yuelai,
        ))
        .await
        .expect("completed straight from pending")
        .into_inner();
    let rejected = client
        .reject_work_item(authorized(
            pb::RejectWorkItemRequest {
                request_id: "r1".into(),
                name: products.name.clone(),
                etag: reported.etag.clone(),
                reason: "仓库内仍有成品".into(),
                evidence: photo(),
            },
            &eco,
        ))
        .await
        .expect("eco sends it back")
        .into_inner();
    assert_eq!(
        (rejected.state(), rejected.history[2].reason.as_str()),
        (pb::State::InProgress, "仓库内仍有成品"),
        "back to the township, with eco's reason"
    );

    let water_cut = of_kind(&items, "water_cut").clone();
    let by_power = client
        .start_work_item(authorized(start(&water_cut.name, "", "p1"), &power))
        .await;
    assert_eq!(
        refusal(by_power),
        (Code::PermissionDenied, "NOT_EXECUTOR".into(), vec![]),
        "the power company may not start the water cut"
    );
    let blocked = client
        .block_work_item(authorized(
            pb::BlockWorkItemRequest {
                request_id: "b1".into(),
                name: water_cut.name.clone(),
                reason: "经营者失联，无法进入厂区".into(),
                ..Default::default()
            },
            &water,
        ))
        .await
        .expect("the water bureau is blocked")
        .into_inner();
    assert_eq!(
        (
            blocked.state(),
            blocked.blocked_from(),
            blocked.blocked_reason.as_str()
        ),
        (
            pb::State::Blocked,
            pb::State::Pending,
            "经营者失联，无法进入厂区"
        ),
        "blocked, remembering from where"
    );
    let unblocked = client
        .unblock_work_item(authorized(
            pb::UnblockWorkItemRequest {
                request_id: "u1".into(),
                name: water_cut.name.clone(),
                etag: blocked.etag.clone(),
                note: String::new(),
            },
            &water,
        ))
        .await
        .expect("unblocked")
        .into_inner();
    assert_eq!(
        (unblocked.state(), unblocked.blocked_reason.as_str()),
        (pb::State::Pending, ""),
        "back to pending: unblocking never pretends work started"
    );

    let stale = client
        .start_work_item(authorized(
            start(&water_cut.name, &blocked.etag, "s2"),
            &water,
        ))
        .await;
    assert_eq!(
        refusal(stale),
        (Code::Aborted, "ETAG_MISMATCH".into(), vec![]),
        "a stale etag"
    );
    let early = client.verify_work_item(authorized(
        pb::VerifyWorkItemRequest {
            name: water_cut.name.clone(),
            etag: String::new(),
            ..verify("v2")
        },
        &eco,
    ));
    assert_eq!(
        refusal(early.await),
        (
            Code::FailedPrecondition,
            "ILLEGAL_TRANSITION".into(),
            vec![]
        ),
        "a pending item cannot be verified"
    );
    let wells = of_kind(&items, "well_closure").clone();
    let unneeded = client.verify_work_item(authorized(
        pb::VerifyWorkItemRequest {
            name: wells.name.clone(),
            etag: String::new(),
            ..verify("v3")
        },
        &eco,
    ));
    assert_eq!(
        refusal(unneeded.await),
        (
            Code::FailedPrecondition,
            "VERIFICATION_NOT_NEEDED".into(),
            vec![]
        ),
        "well closures need no verification"
    );
    let waive = |request_id: &str| pb::WaiveWorkItemRequest {
        request_id: request_id.into(),
        name: of_kind(&items, "power_cut").name.clone(),
        etag: String::new(),
        reason: "该企业未接入电网".into(),
    };
    let by_eco = client.waive_work_item(authorized(waive("w0"), &eco)).await;
    assert_eq!(
        refusal(by_eco),
        (Code::PermissionDenied, "OFFICE_ONLY".into(), vec![]),
        "only the office waives"
    );
    let waived = client
        .waive_work_item(authorized(waive("w1"), &bureau.service.office()))
        .await
        .expect("the office waives")
        .into_inner();
    assert_eq!(
        (waived.state(), waived.waived_reason.as_str()),
        (pb::State::Waived, "该企业未接入电网"),
        "waived with its reason"
    );
    let after = bureau.get(&water_cut.name).await;
    assert_eq!(after.etag, unblocked.etag, "the refusals changed nothing");

    // 6 created; started, completed, verified; blocked, unblocked; waived.
    assert_eq!(
        bureau.service.settled_head(14).await,
        14,
        "one change per move"
    );
    let changes = bureau.service.whole_feed(&bureau.service.office()).await;
    let verified_event: pb::WorkItemVerified = event(&changes[8]);
    let step = verified_event.step.expect("the event carries its step");
    assert_eq!(step.actor, "eco/eco-tester", "who verified");
    assert_eq!(changes[8].request_id, "v1", "under which request");
    let types: Vec<_> = changes[6..]
        .iter()
        .map(|c| {
            c.event
                .as_ref()
                .map(|e| e.type_url.clone())
                .unwrap_or_default()
        })
        .collect();
    let expected = [
        pb::WorkItemStarted::type_url(),
        pb::WorkItemCompleted::type_url(),
        pb::WorkItemVerified::type_url(),
        pb::WorkItemCompleted::type_url(),
        pb::WorkItemRejected::type_url(),
        pb::WorkItemBlocked::type_url(),
        pb::WorkItemUnblocked::type_url(),
        pb::WorkItemWaived::type_url(),
    ];
    assert_eq!(types, expected, "each move once, typed");
}

async fn utilities_completes_its_kinds_only_through_its_own_methods(backend: Backend) {
    let Some((bureau, _, items)) = Bureau::<Utilities>::spawn_with_plan(backend).await else {
        return;
    };
    for kind in UTILITIES_KINDS {
        let item = of_kind(&items, kind);
        let executor = match item.executor.as_str() {
            "yuelai" => bureau.token("yuelai", JURISDICTION),
            other => bureau.token(other, BUREAU),
        };
        let completed = bureau
            .items()
            .complete_work_item(authorized(
                pb::CompleteWorkItemRequest {
                    request_id: format!("c-{kind}"),
                    name: item.name.clone(),
                    etag: item.etag.clone(),
                    evidence: photo(),
                },
                &executor,
            ))
            .await;
        assert_eq!(
            refusal(completed),
            (
                Code::FailedPrecondition,
                "RECORD_THROUGH_SERVICE".into(),
                vec![]
            ),
            "{kind} is recorded through UtilitiesService"
        );
        assert_eq!(
            bureau.get(&item.name).await.etag,
            item.etag,
            "{kind} unchanged"
        );
    }
    let water = of_kind(&items, "water_cut");
    let started = bureau
        .items()
        .start_work_item(authorized(
            start(&water.name, &water.etag, "s1"),
            &bureau.token("water", BUREAU),
        ))
        .await
        .expect("the generic moves stay open")
        .into_inner();
    assert_eq!(started.state(), pb::State::InProgress, "started");
}

on_both_backends!(
    the_township_clears_eco_verifies_and_every_wrong_move_is_refused,
    utilities_completes_its_kinds_only_through_its_own_methods,
);
