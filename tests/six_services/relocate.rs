//! A workshop relocated (集聚搬迁) across all six services, each a separate server on its own
//! database: the registry publishes its relocate plan; miit records the plot in the park (land
//! may not: it only cooperates); the approving bureaus grant the new site's approvals through
//! licensing and miit completes that measure; eco keeps it compliant until the move; housing
//! demolishes the old works and eco remediates the old site; the office signs it off. Every
//! feed holds each change exactly once.

mod common;

use common::*;
use rectify_proto::environment::v1 as epb;
use rectify_proto::land::v1 as dpb;
use rectify_proto::licensing::v1 as lpb;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::county::{self as req, County, CountyFeeds, times};
use rectify_testkit::registry::{RegistryHarness as _, relocate_criteria};
use rectify_testkit::workitems::{WorkItemHarness as _, of_kind};
use rectify_testkit::{Backend, authorized, on_both_backends};

const WORKSHOP: &str = "悦来镇顺发塑料加工点";

/// The approvals granted at the new site and the bureau granting each.
const NEW_SITE: [(lpb::ApprovalKind, &str); 2] = [
    (lpb::ApprovalKind::LandUse, "land"),
    (lpb::ApprovalKind::Environmental, "eco"),
];

async fn a_relocated_workshop_moves_to_the_park_and_its_old_site_is_cleared_then_signed_off(
    backend: Backend,
) {
    let Some(county) = county(backend).await else {
        return;
    };
    let enterprise = county
        .registry
        .publish_plan(
            TOWNSHIP,
            WORKSHOP,
            relocate_criteria(),
            rpb::Category::Relocate,
        )
        .await;
    let land = county.land.items_of(&enterprise, 3).await;
    let licensing = county.licensing.items_of(&enterprise, 1).await;
    let environment = county.environment.items_of(&enterprise, 1).await;
    assert_assigned(
        &land,
        &[
            ("relocation_plot", "miit", ""),
            ("demolition", "housing", ""),
            ("site_remediation", "eco", ""),
        ],
    );
    assert_assigned(&licensing, &[("new_site_approvals", "miit", "")]);
    assert_assigned(&environment, &[("interim_compliance", "eco", "")]);
    start_working(&county);

    move_and_clear(&county, &enterprise, &land).await;
    approve_new_site(&county, &enterprise, &licensing[0].name).await;
    keep_compliant(&county, &environment[0].name).await;
    let signed_off = county.sign_off(&enterprise, "sign-off").await;
    assert_eq!(signed_off.state(), rpb::LifecycleState::SignedOff);

    county
        .expect_feeds(&CountyFeeds {
            registry: registry_feed(0),
            land: vec![
                times::<wpb::WorkItemCreated>(3),
                times::<wpb::WorkItemCompleted>(3),
                times::<dpb::RelocationPlotRecorded>(1),
                times::<dpb::DemolitionRecorded>(1),
                times::<dpb::SiteRemediationRecorded>(1),
            ],
            licensing: vec![
                times::<wpb::WorkItemCreated>(1),
                times::<lpb::ApprovalChanged>(2),
                times::<wpb::WorkItemCompleted>(1),
            ],
            environment: vec![
                times::<wpb::WorkItemCreated>(1),
                times::<epb::DischargeMeasured>(1),
                times::<wpb::WorkItemCompleted>(1),
            ],
            ..Default::default()
        })
        .await;
    county.shutdown().await;
}

/// Land, which only cooperates on the plot, may not record it; miit does; housing demolishes
/// the old works and eco remediates the site; the land record shows all three.
async fn move_and_clear(county: &County, enterprise: &str, items: &[wpb::WorkItem]) {
    let mut client = county.land_client();
    let plot = &of_kind(items, "relocation_plot").name;
    assert_denied(
        &county.land,
        plot,
        "NOT_EXECUTOR",
        client.clone().record_relocation_plot(authorized(
            req::relocation_plot("p0", plot, done()),
            &county.land.bureau("land"),
        )),
    )
    .await;
    let allocated = client
        .record_relocation_plot(authorized(
            req::relocation_plot("p1", plot, done()),
            &county.land.bureau("miit"),
        ))
        .await
        .expect("miit records the plot")
        .into_inner();
    assert_eq!(allocated.work_item.expect("item").state(), wpb::State::Done);
    let demolished = client
        .record_demolition(authorized(
            req::demolition("d1", &of_kind(items, "demolition").name, done()),
            &county.land.bureau("housing"),
        ))
        .await
        .expect("housing records the demolition")
        .into_inner();
    assert_eq!(
        demolished.work_item.expect("item").state(),
        wpb::State::Done
    );
    let remediated = client
        .record_site_remediation(authorized(
            req::site_remediation("r1", &of_kind(items, "site_remediation").name, done()),
            &county.land.bureau("eco"),
        ))
        .await
        .expect("eco records the remediation")
        .into_inner();
    assert_eq!(
        remediated.work_item.expect("item").state(),
        wpb::State::Done
    );
    let record = remediated.land_record.expect("land record");
    assert_eq!(record.enterprise, enterprise);
    assert!(
        record.relocation_plot.is_some() && record.demolition.is_some(),
        "{record:?}"
    );
}

/// The approving bureaus grant the new site's approvals (no item of theirs to complete); miit,
/// who leads the measure, completes it — eco may not.
async fn approve_new_site(county: &County, enterprise: &str, item: &str) {
    let mut client = county.licensing_client();
    for (kind, bureau) in NEW_SITE {
        let granted = client
            .set_approval(authorized(
                req::grant(bureau, enterprise, kind, done()),
                &county.licensing.bureau(bureau),
            ))
            .await
            .unwrap_or_else(|e| panic!("{bureau} grants {kind:?}: {e:?}"))
            .into_inner();
        assert_eq!(
            granted.approval.expect("approval").status(),
            lpb::ApprovalStatus::Granted
        );
        assert_eq!(granted.work_item, None, "no approval.<code> item here");
    }
    let mut items = county.licensing.work_items();
    assert_denied(
        &county.licensing,
        item,
        "NOT_EXECUTOR",
        items.clone().complete_work_item(authorized(
            req::complete("n0", item, done()),
            &county.licensing.bureau("eco"),
        )),
    )
    .await;
    let approved = items
        .complete_work_item(authorized(
            req::complete("n1", item, done()),
            &county.licensing.bureau("miit"),
        ))
        .await
        .expect("miit completes the new site's approvals")
        .into_inner();
    assert_eq!(approved.state(), wpb::State::Done);
}

/// Eco's sample before the move is compliant, and eco completes interim compliance.
async fn keep_compliant(county: &County, item: &str) {
    let eco = county.environment.bureau("eco");
    let sample = county
        .environment_client()
        .record_discharge_monitoring(authorized(
            req::discharge_monitoring("m1", item, ("18", "20"), done()),
            &eco,
        ))
        .await
        .expect("eco records a sample")
        .into_inner();
    assert!(sample.compliant, "18 ≤ 20: {sample:?}");
    let compliant = county
        .environment
        .work_items()
        .complete_work_item(authorized(req::complete("c1", item, done()), &eco))
        .await
        .expect("eco completes interim compliance")
        .into_inner();
    assert_eq!(compliant.state(), wpb::State::Done);
}

on_both_backends!(
    a_relocated_workshop_moves_to_the_park_and_its_old_site_is_cleared_then_signed_off
);
