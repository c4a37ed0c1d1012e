//! Completion and sign-off (销号) through the coordinator, with every service of the campaign
//! running: an incomplete enterprise is refused with a clear reason, only the office may ask,
//! the registry takes a sign-off from the coordinator only, and a complete enterprise (its
//! water cut recorded and verified, the rest waived) ends under watch in the registry.

#[path = "coordinator/county.rs"]
mod county;
#[path = "utilities/common/mod.rs"]
mod utilities;

use county::{County, client, progress_when};
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::registry::v1 as reg;
use rectify_proto::utilities::v1::utilities_service_client::UtilitiesServiceClient;
use rectify_proto::workitems::v1 as wi;
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::WorkItemHarness;
use rectify_testkit::{Backend, authorized, on_both_backends};
use tonic::Code;
use tonic_types::StatusExt as _;

fn sign_off(name: &str, request_id: &str) -> pb::SignOffEnterpriseRequest {
    pb::SignOffEnterpriseRequest {
        request_id: request_id.into(),
        name: name.into(),
        note: "整治完成，经核验销号".into(),
    }
}

fn reason(status: &tonic::Status) -> String {
    status
        .get_error_details()
        .error_info()
        .map(|i| i.reason.clone())
        .unwrap_or_default()
}

async fn waive_all_open<S: rectify_kit::service::Service>(
    service: &rectify_testkit::TestService<S>,
    enterprise: &str,
    office: &str,
    skip: &str,
) -> usize {
    let items = service
        .all_work_items(
            office,
            wi::ListWorkItemsRequest {
                enterprise: enterprise.into(),
                ..Default::default()
            },
        )
        .await;
    let mut waived = 0;
    for item in items.iter().filter(|i| i.kind != skip) {
        service
            .work_items()
            .waive_work_item(authorized(
                wi::WaiveWorkItemRequest {
                    request_id: format!("waive-{}", item.name),
                    name: item.name.clone(),
                    etag: String::new(),
                    reason: "经领导小组研究，本项不再实施 (waived by the leading group)".into(),
                },
                office,
            ))
            .await
            .expect("the office waives");
        waived += 1;
    }
    waived
}

async fn a_complete_enterprise_is_signed_off_through_the_coordinator_and_no_other_way(
    backend: Backend,
) {
    let Some(county) = County::spawn(backend, Clock::fixed(utilities::at(utilities::NOW))).await
    else {
        return;
    };
    let coordinator = county.coordinator().await;
    let office = county.office();
    let enterprise = county
        .registry
        .publish_close_plan("yuelai", utilities::WORKSHOP)
        .await;
    // The coordinator follows the registry and each bureau on its own: the bureaus' items can
    // show before the registry's plan does. Its measures come in one change, all ten at once.
    let seen = progress_when(&coordinator, &enterprise, |p| {
        p.items.len() == 10 && p.measures > 0
    })
    .await;
    assert_eq!(seen.measures, 10, "the close plan's ten measures");
    assert_eq!(seen.state(), reg::LifecycleState::Published);
    assert!(!seen.complete && !seen.ready_for_sign_off);

    // Incomplete: refused, saying how far it is, and nothing reaches the registry.
    let status = client(&coordinator)
        .sign_off_enterprise(authorized(sign_off(&enterprise, "s0"), &office))
        .await
        .expect_err("an incomplete enterprise");
    assert_eq!(status.code(), Code::FailedPrecondition, "{status:?}");
    assert_eq!(reason(&status), "ENTERPRISE_INCOMPLETE");
    assert!(
        status.message().contains("0 of the 10 measures"),
        "{}",
        status.message()
    );
    let zh = status
        .get_error_details()
        .localized_message()
        .map(|m| m.message.clone());
    assert!(
        zh.as_deref().is_some_and(|m| m.contains("尚未完成整治")),
        "a Chinese message: {zh:?}"
    );

    // Only the office asks the coordinator; nobody but the coordinator asks the registry.
    for (who, token) in [
        (
            "supervision",
            county.token("supervision", PartyKind::Supervision),
        ),
        ("a bureau", county.token("eco", PartyKind::Bureau)),
        (
            "a township",
            county.token("yuelai", PartyKind::Jurisdiction),
        ),
        ("a service", county.token("environment", PartyKind::Service)),
    ] {
        let status = client(&coordinator)
            .sign_off_enterprise(authorized(sign_off(&enterprise, "s0"), &token))
            .await
            .expect_err("not the office");
        assert_eq!(status.code(), Code::PermissionDenied, "{who}: {status:?}");
    }
    let status = county
        .registry
        .registry()
        .sign_off_enterprise(authorized(
            reg::SignOffEnterpriseRequest {
                request_id: "direct".into(),
                name: enterprise.clone(),
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect_err("the office straight to the registry");
    assert_eq!(status.code(), Code::PermissionDenied, "{status:?}");
    assert_eq!(reason(&status), "COORDINATOR_ONLY");

    // The water cut, recorded: done but not yet verified, so not complete.
    let water_cut = county.utilities.items_of(&enterprise, 6).await;
    let water_cut = rectify_testkit::workitems::of_kind(&water_cut, "water_cut")
        .name
        .clone();
    UtilitiesServiceClient::new(county.utilities.channel())
        .record_water_cut(authorized(
            utilities::water_cut("w1", &water_cut),
            &county.token("water", PartyKind::Bureau),
        ))
        .await
        .expect("the water bureau records the cut");
    let done = progress_when(&coordinator, &enterprise, |p| {
        p.items
            .iter()
            .any(|i| i.kind == "water_cut" && i.state() == wi::State::Done)
    })
    .await;
    assert_eq!(
        done.measures_complete, 0,
        "a water cut needs eco's verification"
    );
    county
        .utilities
        .work_items()
        .verify_work_item(authorized(
            wi::VerifyWorkItemRequest {
                request_id: "v1".into(),
                name: water_cut.clone(),
                etag: String::new(),
                evidence: utilities::photo(),
            },
            &county.token("eco", PartyKind::Bureau),
        ))
        .await
        .expect("eco verifies");
    progress_when(&coordinator, &enterprise, |p| p.measures_complete == 1).await;

    // Everything else waived by the office: complete, ready.
    let mut waived = 0;
    waived += waive_all_open(&county.utilities, &enterprise, &office, "water_cut").await;
    waived += waive_all_open(&county.licensing, &enterprise, &office, "").await;
    waived += waive_all_open(&county.land, &enterprise, &office, "").await;
    waived += waive_all_open(&county.environment, &enterprise, &office, "").await;
    assert_eq!(waived, 9);
    let complete = progress_when(&coordinator, &enterprise, |p| p.complete).await;
    assert!(complete.ready_for_sign_off);
    assert_eq!(complete.measures_complete, 10);

    let signed = client(&coordinator)
        .sign_off_enterprise(authorized(sign_off(&enterprise, "s1"), &office))
        .await
        .expect("signed off")
        .into_inner();
    let state = signed.enterprise.as_ref().map(reg::Enterprise::state);
    assert_eq!(
        state,
        Some(reg::LifecycleState::UnderWatch),
        "closed: under watch"
    );
    let again = client(&coordinator)
        .sign_off_enterprise(authorized(sign_off(&enterprise, "s1"), &office))
        .await
        .expect("a retry gets the first answer")
        .into_inner();
    assert_eq!(again, signed);
    let in_registry = county
        .registry
        .registry()
        .get_enterprise(authorized(
            reg::GetEnterpriseRequest {
                name: enterprise.clone(),
            },
            &office,
        ))
        .await
        .expect("get")
        .into_inner();
    assert_eq!(in_registry.state(), reg::LifecycleState::UnderWatch);

    let watched = progress_when(&coordinator, &enterprise, |p| {
        p.state() == reg::LifecycleState::UnderWatch
    })
    .await;
    assert!(
        !watched.patrol_due_date.is_empty(),
        "a rebound patrol is scheduled"
    );
    let summary = client(&coordinator)
        .get_summary(authorized(pb::GetSummaryRequest {}, &office))
        .await
        .expect("summary")
        .into_inner();
    assert_eq!(
        (summary.enterprises, summary.signed_off, summary.complete),
        (1, 1, 1)
    );
    assert_eq!(
        summary.ready_for_sign_off, 0,
        "signed off: no longer waiting"
    );

    let timeline = client(&coordinator)
        .get_enterprise_timeline(authorized(
            pb::GetEnterpriseTimelineRequest {
                name: enterprise.clone(),
                page_size: 500,
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect("timeline")
        .into_inner();
    let types: Vec<&str> = timeline
        .entries
        .iter()
        .map(|e| e.event_type.as_str())
        .collect();
    for expected in [
        "rectify.registry.v1.FindingReported",
        "rectify.registry.v1.PlanPublished",
        "rectify.utilities.v1.WaterCutRecorded",
        "rectify.workitems.v1.WorkItemVerified",
        "rectify.registry.v1.EnterpriseSignedOff",
    ] {
        assert!(types.contains(&expected), "{expected} in {types:?}");
    }
    let services: std::collections::BTreeSet<&str> = timeline
        .entries
        .iter()
        .map(|e| e.service.as_str())
        .collect();
    assert_eq!(
        services.into_iter().collect::<Vec<_>>(),
        ["environment", "land", "licensing", "registry", "utilities"],
        "events of every service that holds one of its items"
    );
    let times: Vec<_> = timeline
        .entries
        .iter()
        .map(|e| e.record_time.map(|t| (t.seconds, t.nanos)))
        .collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "in the order recorded"
    );
    let verified = timeline
        .entries
        .iter()
        .find(|e| e.event_type == "rectify.workitems.v1.WorkItemVerified")
        .expect("listed");
    assert_eq!(
        verified
            .evidence
            .first()
            .and_then(|e| e.attachments.first())
            .map(|a| a.sha256.as_str()),
        Some(utilities::PHOTO),
        "the verification's evidence"
    );
}

on_both_backends!(a_complete_enterprise_is_signed_off_through_the_coordinator_and_no_other_way);
