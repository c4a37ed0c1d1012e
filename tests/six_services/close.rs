//! A workshop closed (关停取缔) across all six services, each a separate server on its own
//! database: the registry publishes its close plan; utilities, licensing, land and environment
//! create their items from it; the water bureau, the power company and the township cut and
//! clear (eco verifies), the market and water bureaus revoke, eco remediates the site; the office
//! signs it off; eco's rebound patrol finds it running and environment reopens it in the
//! registry, and every bureau starts a second round from the reopened event. Another bureau's
//! part is refused, and every feed holds each change exactly once.

mod common;

use common::*;
use prost::Name as _;
use rectify_proto::environment::v1 as epb;
use rectify_proto::licensing::v1 as lpb;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::utilities::v1 as upb;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::county::{self as req, County, CountyFeeds, of_type, times};
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::{WorkItemHarness as _, of_kind};
use rectify_testkit::{Backend, authorized, event, on_both_backends, type_urls};

const WORKSHOP: &str = "悦来镇鑫源塑料颗粒加工点";

/// Utilities' six kinds, their executors and verifiers.
const UTILITIES: [(&str, &str, &str); 6] = [
    ("water_cut", "water", "eco"),
    ("power_cut", "power", "eco"),
    ("clear_materials", TOWNSHIP, "eco"),
    ("clear_products", TOWNSHIP, "eco"),
    ("clear_equipment", TOWNSHIP, "eco"),
    ("well_closure", "water", ""),
];

/// The kinds executed by the enterprise's township, each a clearing.
const CLEARINGS: [&str; 3] = ["clear_materials", "clear_products", "clear_equipment"];

async fn a_closed_workshop_found_running_again_is_reopened_and_every_bureau_starts_again(
    backend: Backend,
) {
    let Some(county) = county(backend).await else {
        return;
    };
    let enterprise = county.registry.publish_close_plan(TOWNSHIP, WORKSHOP).await;
    let utilities = county.utilities.items_of(&enterprise, 6).await;
    let licensing = county.licensing.items_of(&enterprise, 2).await;
    let land = county.land.items_of(&enterprise, 1).await;
    let environment = county.environment.items_of(&enterprise, 1).await;
    assert_assigned(&utilities, &UTILITIES);
    assert_assigned(
        &licensing,
        &[
            ("licence_revocation", "market", ""),
            ("water_permit_revocation", "water", ""),
        ],
    );
    assert_assigned(&land, &[("site_remediation", "eco", "")]);
    assert_assigned(&environment, &[("rebound_patrol", "eco", "")]);
    start_working(&county);

    cut_clear_and_verify(&county, &utilities).await;
    revoke(&county, &enterprise, &licensing).await;
    let remediated = county
        .land_client()
        .record_site_remediation(authorized(
            req::site_remediation("r1", &land[0].name, done()),
            &county.land.bureau("eco"),
        ))
        .await
        .expect("eco records the site remediation")
        .into_inner();
    assert_eq!(
        remediated.work_item.expect("item").state(),
        wpb::State::Done
    );
    let signed_off = county.sign_off(&enterprise, "sign-off").await;
    assert_eq!(
        signed_off.state(),
        rpb::LifecycleState::UnderWatch,
        "a closed workshop stays under watch"
    );

    rebound(&county, &enterprise, &environment[0].name).await;
    second_round(&county, &enterprise).await;

    county
        .expect_feeds(&CountyFeeds {
            registry: registry_feed(1),
            utilities: vec![
                times::<wpb::WorkItemCreated>(12),
                times::<wpb::WorkItemCompleted>(6),
                times::<wpb::WorkItemVerified>(5),
                times::<upb::WaterCutRecorded>(1),
                times::<upb::PowerCutRecorded>(1),
                times::<upb::ClearingRecorded>(3),
                times::<upb::WellClosureRecorded>(1),
            ],
            licensing: vec![
                times::<wpb::WorkItemCreated>(4),
                times::<wpb::WorkItemCompleted>(2),
                times::<lpb::LicenceRevocationRecorded>(1),
                times::<lpb::WaterPermitRevocationRecorded>(1),
                times::<lpb::ApprovalChanged>(2),
            ],
            land: vec![
                times::<wpb::WorkItemCreated>(2),
                times::<wpb::WorkItemCompleted>(1),
                times::<rectify_proto::land::v1::SiteRemediationRecorded>(1),
            ],
            environment: vec![
                times::<wpb::WorkItemCreated>(2),
                times::<wpb::WorkItemCompleted>(2),
                times::<epb::PatrolRecorded>(2),
                times::<epb::ReboundFound>(1),
            ],
            ..Default::default()
        })
        .await;
    let reopened = reopened_once(&county, &enterprise).await;
    second_round_follows(&county, reopened).await;
    county.shutdown().await;
}

/// 两断三清 in utilities: the power company may not record the water cut; the water bureau
/// cuts water and closes the wells, the power company cuts power, the township clears, and eco
/// verifies each measure that needs it.
async fn cut_clear_and_verify(county: &County, items: &[wpb::WorkItem]) {
    let mut client = county.utilities_client();
    let water = county.utilities.bureau("water");
    let power = county.utilities.bureau("power");
    let township = county.utilities.township(TOWNSHIP);
    let water_item = of_kind(items, "water_cut").name.clone();
    assert_denied(
        &county.utilities,
        &water_item,
        "NOT_EXECUTOR",
        client.clone().record_water_cut(authorized(
            req::water_cut("w0", &water_item, done()),
            &power,
        )),
    )
    .await;

    let cut = client
        .record_water_cut(authorized(
            req::water_cut("w1", &water_item, done()),
            &water,
        ))
        .await
        .expect("the water bureau cuts water")
        .into_inner();
    assert_eq!(cut.work_item.expect("item").state(), wpb::State::Done);
    let power_item = &of_kind(items, "power_cut").name;
    client
        .record_power_cut(authorized(req::power_cut("p1", power_item, done()), &power))
        .await
        .expect("the power company cuts power");
    for kind in CLEARINGS {
        client
            .record_clearing(authorized(
                req::clearing(kind, &of_kind(items, kind).name, done()),
                &township,
            ))
            .await
            .unwrap_or_else(|e| panic!("the township records {kind}: {e:?}"));
    }
    client
        .record_well_closure(authorized(
            req::well_closure("k1", &of_kind(items, "well_closure").name, done()),
            &water,
        ))
        .await
        .expect("the water bureau closes the wells");

    let eco = county.utilities.bureau("eco");
    for (kind, _, verifier) in UTILITIES {
        let item = of_kind(items, kind);
        if verifier.is_empty() {
            continue;
        }
        let verified = county
            .utilities
            .work_items()
            .verify_work_item(authorized(req::verify(kind, &item.name, done()), &eco))
            .await
            .unwrap_or_else(|e| panic!("eco verifies {kind}: {e:?}"))
            .into_inner();
        assert_eq!(verified.state(), wpb::State::Verified, "{kind}");
    }
    for item in items {
        let expected = if item.needs_verification {
            wpb::State::Verified
        } else {
            wpb::State::Done
        };
        let now = county.utilities.work_item(&item.name).await;
        assert_eq!(now.state(), expected, "{}", item.kind);
    }
}

/// The market bureau revokes the licence and the water bureau the water permit; the water
/// bureau may not revoke the licence.
async fn revoke(county: &County, enterprise: &str, items: &[wpb::WorkItem]) {
    let mut client = county.licensing_client();
    let licence = &of_kind(items, "licence_revocation").name;
    assert_denied(
        &county.licensing,
        licence,
        "NOT_EXECUTOR",
        client.clone().record_licence_revocation(authorized(
            req::licence_revocation("l0", licence, done()),
            &county.licensing.bureau("water"),
        )),
    )
    .await;
    let revoked = client
        .record_licence_revocation(authorized(
            req::licence_revocation("l1", licence, done()),
            &county.licensing.bureau("market"),
        ))
        .await
        .expect("the market bureau revokes the licence")
        .into_inner();
    assert_eq!(revoked.work_item.expect("item").state(), wpb::State::Done);
    let permit = &of_kind(items, "water_permit_revocation").name;
    let revoked = client
        .record_water_permit_revocation(authorized(
            req::water_permit_revocation("v1", permit, done()),
            &county.licensing.bureau("water"),
        ))
        .await
        .expect("the water bureau revokes the water permit")
        .into_inner();
    assert_eq!(revoked.work_item.expect("item").state(), wpb::State::Done);
    let matrix = client
        .get_approvals(authorized(
            lpb::GetApprovalsRequest {
                name: format!("{enterprise}/approvals"),
            },
            &county.licensing.office(),
        ))
        .await
        .expect("get approvals")
        .into_inner();
    for kind in [
        lpb::ApprovalKind::BusinessLicence,
        lpb::ApprovalKind::WaterIntake,
    ] {
        let approval = matrix
            .approvals
            .iter()
            .find(|a| a.kind() == kind)
            .unwrap_or_else(|| panic!("{kind:?} in {matrix:?}"));
        assert_eq!(approval.status(), lpb::ApprovalStatus::Revoked, "{kind:?}");
    }
}

/// Eco's patrol finds the workshop running: the patrol item is done and environment reopens
/// the enterprise in the registry.
async fn rebound(county: &County, enterprise: &str, patrol_item: &str) {
    let patrolled = county
        .environment_client()
        .record_rebound_patrol(authorized(
            req::rebound_patrol("patrol-1", patrol_item, true, done()),
            &county.environment.bureau("eco"),
        ))
        .await
        .expect("eco records the patrol")
        .into_inner();
    assert_eq!(patrolled.reopen_state(), epb::ReopenState::Reopened);
    assert_eq!(patrolled.work_item.expect("item").state(), wpb::State::Done);
    let reopened = county.enterprise(enterprise).await;
    assert_eq!(
        reopened.state(),
        rpb::LifecycleState::Published,
        "back under its plan"
    );
    assert!(!reopened.reopen_reason.is_empty(), "{reopened:?}");
}

/// The registry's feed (read once settled) holds one `EnterpriseReopened` of `enterprise`,
/// made by environment, carrying the whole close plan; returns its position.
async fn reopened_once(county: &County, enterprise: &str) -> i64 {
    let changes = county.registry.whole_feed(&county.registry.office()).await;
    let reopen = of_type::<rpb::EnterpriseReopened>(&changes);
    assert_eq!(reopen.len(), 1, "reopened once");
    assert!(
        reopen[0].actor.starts_with("environment/"),
        "{:?}",
        reopen[0].actor
    );
    assert_eq!(reopen[0].resource, enterprise);
    let event: rpb::EnterpriseReopened = event(reopen[0]);
    assert_eq!(
        event.enterprise.as_ref().map(|e| e.state()),
        Some(rpb::LifecycleState::Published)
    );
    assert_eq!(
        event.plan.map(|p| p.measures.len()),
        Some(10),
        "the whole close plan"
    );
    reopen[0].seq
}

/// Every bureau follows the reopened event with a second round of its measures, all pending,
/// while the first round keeps its states; eco's next patrol, finding the workshop shut,
/// completes the second round's patrol item and reopens nothing.
async fn second_round(county: &County, enterprise: &str) {
    let utilities = county.utilities.items_of(enterprise, 12).await;
    let licensing = county.licensing.items_of(enterprise, 4).await;
    let land = county.land.items_of(enterprise, 2).await;
    let environment = county.environment.items_of(enterprise, 2).await;
    for (service, items) in [
        ("utilities", &utilities),
        ("licensing", &licensing),
        ("land", &land),
        ("environment", &environment),
    ] {
        for first in items.iter().filter(|i| i.round == 1) {
            let again = in_round(items, &first.kind, 2);
            assert_eq!(again.state(), wpb::State::Pending, "{service}: {again:?}");
            assert_eq!(again.measure_id, first.measure_id, "{service}");
            assert_eq!(again.executor, first.executor, "{service}");
            assert_ne!(again.name, first.name, "{service}: a new item");
            assert!(
                matches!(first.state(), wpb::State::Done | wpb::State::Verified),
                "{service}: the first round keeps its state: {first:?}"
            );
        }
    }
    let patrol = &in_round(&environment, "rebound_patrol", 2).name;
    let quiet = county
        .environment_client()
        .record_rebound_patrol(authorized(
            req::rebound_patrol("patrol-2", patrol, false, done()),
            &county.environment.bureau("eco"),
        ))
        .await
        .expect("eco patrols again in the second round")
        .into_inner();
    assert_eq!(quiet.reopen_state(), epb::ReopenState::NotNeeded);
    assert_eq!(
        quiet.work_item.map(|i| (i.state(), i.name)),
        Some((wpb::State::Done, patrol.clone())),
        "eco's first patrol of the second round completes its item"
    );
}

/// Utilities' feed (read once settled) attributes exactly its six second-round items to its
/// follower applying the registry's change at `reopened`.
async fn second_round_follows(county: &County, reopened: i64) {
    let created: Vec<_> = county
        .utilities
        .whole_feed(&county.utilities.office())
        .await
        .into_iter()
        .filter(|c| c.request_id == format!("registry:{reopened}"))
        .collect();
    assert_eq!(
        type_urls(&created),
        vec![wpb::WorkItemCreated::type_url(); 6],
        "utilities' second round, attributed to the reopened event"
    );
    for change in &created {
        let item = event::<wpb::WorkItemCreated>(change)
            .work_item
            .expect("item");
        assert_eq!(item.round, 2, "{item:?}");
        assert_eq!(change.actor, "utilities/follower");
    }
}

on_both_backends!(a_closed_workshop_found_running_again_is_reopened_and_every_bureau_starts_again);
