//! A workshop upgraded (升级改造) across all six services, each a separate server on its own
//! database: the registry publishes its upgrade plan; each approving bureau grants its missing
//! approval through licensing, completing its `approval.<code>` item; eco records a failing and
//! then a compliant discharge monitoring and the pollution control upgrade; the safety bureau
//! finds a major hazard, which keeps the safety check blocked until it is fixed; the office signs
//! it off. Another bureau's approval is refused, and every feed holds each change exactly once.

mod common;

use common::*;
use rectify_proto::environment::v1 as epb;
use rectify_proto::licensing::v1 as lpb;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::safety::v1 as spb;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::county::{self as req, County, CountyFeeds, times};
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::{WorkItemHarness as _, of_kind};
use rectify_testkit::{Backend, authorized, on_both_backends};

const WORKSHOP: &str = "悦来镇宏达米业";

/// The approvals the workshop lacks, the bureau granting each, and its item's kind.
const MISSING: [(lpb::ApprovalKind, &str, &str); 3] = [
    (
        lpb::ApprovalKind::Environmental,
        "eco",
        "approval.environmental",
    ),
    (lpb::ApprovalKind::Safety, "safety", "approval.safety"),
    (
        lpb::ApprovalKind::WaterIntake,
        "water",
        "approval.water_intake",
    ),
];

async fn an_upgraded_workshop_gets_its_approvals_compliance_and_safety_check_then_is_signed_off(
    backend: Backend,
) {
    let Some(county) = county(backend).await else {
        return;
    };
    let held = rpb::Approvals {
        environmental: Some(false),
        safety: Some(false),
        water_intake: Some(false),
        business_licence: Some(true),
        ..Default::default()
    };
    let enterprise = county
        .registry
        .publish_upgrade_plan(TOWNSHIP, WORKSHOP, held)
        .await;
    let licensing = county.licensing.items_of(&enterprise, 3).await;
    let environment = county.environment.items_of(&enterprise, 2).await;
    let safety = county.safety.items_of(&enterprise, 1).await;
    assert_assigned(
        &licensing,
        &MISSING.map(|(_, bureau, kind)| (kind, bureau, "")),
    );
    assert_assigned(
        &environment,
        &[
            ("pollution_upgrade", "eco", ""),
            ("daily_supervision", "eco", ""),
        ],
    );
    assert_assigned(&safety, &[("safety_check", "safety", "")]);
    start_working(&county);

    grant_each(&county, &enterprise, &licensing).await;
    upgrade_pollution_control(&county, &environment).await;
    check_safety(&county, &safety[0].name).await;
    let signed_off = county.sign_off(&enterprise, "sign-off").await;
    assert_eq!(signed_off.state(), rpb::LifecycleState::SignedOff);

    county
        .expect_feeds(&CountyFeeds {
            registry: registry_feed(0),
            licensing: vec![
                times::<wpb::WorkItemCreated>(3),
                times::<wpb::WorkItemCompleted>(3),
                times::<lpb::ApprovalChanged>(3),
            ],
            environment: vec![
                times::<wpb::WorkItemCreated>(2),
                times::<epb::DischargeMeasured>(2),
                times::<epb::PollutionControlRecorded>(2),
                times::<wpb::WorkItemCompleted>(2),
            ],
            safety: vec![
                times::<wpb::WorkItemCreated>(1),
                times::<spb::InspectionRecorded>(1),
                times::<wpb::WorkItemBlocked>(1),
                times::<spb::HazardFixed>(2),
                times::<wpb::WorkItemUnblocked>(1),
                times::<wpb::WorkItemCompleted>(1),
            ],
            ..Default::default()
        })
        .await;
    county.shutdown().await;
}

/// Eco may not grant the safety approval; each bureau grants its own, completing its item.
async fn grant_each(county: &County, enterprise: &str, items: &[wpb::WorkItem]) {
    let mut client = county.licensing_client();
    let safety_item = &of_kind(items, "approval.safety").name;
    assert_denied(
        &county.licensing,
        safety_item,
        "PERMISSION_DENIED",
        client.clone().set_approval(authorized(
            req::grant("g0", enterprise, lpb::ApprovalKind::Safety, done()),
            &county.licensing.bureau("eco"),
        )),
    )
    .await;
    for (kind, bureau, item_kind) in MISSING {
        let granted = client
            .set_approval(authorized(
                req::grant(item_kind, enterprise, kind, done()),
                &county.licensing.bureau(bureau),
            ))
            .await
            .unwrap_or_else(|e| panic!("{bureau} grants {kind:?}: {e:?}"))
            .into_inner();
        assert_eq!(
            granted.approval.expect("approval").status(),
            lpb::ApprovalStatus::Granted
        );
        let item = granted.work_item.expect("the grant completes the item");
        assert_eq!(item.name, of_kind(items, item_kind).name);
        assert_eq!(item.state(), wpb::State::Done, "{item_kind}");
    }
}

/// A failing sample leaves the upgrade open; after a compliant one the facility completes it;
/// eco completes daily supervision.
async fn upgrade_pollution_control(county: &County, items: &[wpb::WorkItem]) {
    let mut client = county.environment_client();
    let eco = county.environment.bureau("eco");
    let upgrade = &of_kind(items, "pollution_upgrade").name;
    let failing = client
        .record_discharge_monitoring(authorized(
            req::discharge_monitoring("m1", upgrade, ("62.5", "50"), done()),
            &eco,
        ))
        .await
        .expect("eco records a sample")
        .into_inner();
    assert!(!failing.compliant, "62.5 > 50: {failing:?}");
    let early = client
        .record_pollution_control(authorized(
            req::pollution_control("c1", upgrade, done()),
            &eco,
        ))
        .await
        .expect("eco records the facility")
        .into_inner();
    assert!(!early.completed, "not yet compliant");
    assert_eq!(early.work_item.expect("item").state(), wpb::State::Pending);
    let passing = client
        .record_discharge_monitoring(authorized(
            req::discharge_monitoring("m2", upgrade, ("42.5", "50"), done()),
            &eco,
        ))
        .await
        .expect("eco records a sample")
        .into_inner();
    assert!(passing.compliant, "42.5 ≤ 50: {passing:?}");
    let upgraded = client
        .record_pollution_control(authorized(
            req::pollution_control("c2", upgrade, done()),
            &eco,
        ))
        .await
        .expect("eco records the facility again")
        .into_inner();
    assert!(upgraded.completed);
    assert_eq!(upgraded.work_item.expect("item").state(), wpb::State::Done);
    let supervision = &of_kind(items, "daily_supervision").name;
    let supervised = county
        .environment
        .work_items()
        .complete_work_item(authorized(req::complete("d1", supervision, done()), &eco))
        .await
        .expect("eco takes it into daily supervision")
        .into_inner();
    assert_eq!(supervised.state(), wpb::State::Done);
}

/// An inspection finds a general and a major hazard: the check is blocked; fixing the general
/// one leaves it blocked, fixing the major one completes it.
async fn check_safety(county: &County, item: &str) {
    let mut client = county.safety_client();
    let safety = county.safety.bureau("safety");
    let inspected = client
        .record_inspection(authorized(
            req::inspection(
                "i1",
                item,
                vec![
                    req::hazard(spb::HazardLevel::General, "灭火器过期"),
                    req::hazard(spb::HazardLevel::Major, "烘干设备无防爆措施"),
                ],
                done(),
            ),
            &safety,
        ))
        .await
        .expect("the safety bureau inspects")
        .into_inner();
    let blocked = inspected.work_item.expect("item");
    assert_eq!(blocked.state(), wpb::State::Blocked);
    assert_eq!(blocked.blocked_reason, "重大隐患未整改");
    let hazards = inspected.inspection.expect("inspection").hazards;
    let fixed = client
        .record_hazard_fix(authorized(
            req::hazard_fix("f1", &hazards[0].name, done()),
            &safety,
        ))
        .await
        .expect("the general hazard fixed")
        .into_inner();
    assert_eq!(
        fixed.work_item.expect("item").state(),
        wpb::State::Blocked,
        "the major hazard still holds the check"
    );
    assert_eq!(
        county.safety.work_item(item).await.state(),
        wpb::State::Blocked
    );
    let fixed = client
        .record_hazard_fix(authorized(
            req::hazard_fix("f2", &hazards[1].name, done()),
            &safety,
        ))
        .await
        .expect("the major hazard fixed")
        .into_inner();
    assert_eq!(fixed.work_item.expect("item").state(), wpb::State::Done);
}

on_both_backends!(
    an_upgraded_workshop_gets_its_approvals_compliance_and_safety_check_then_is_signed_off
);
