//! Licensing beside the registry, on both backends: a close plan gives it the revocation items
//! and each bureau records its own; an upgrade plan lacking approvals gives it one
//! `approval.<code>` item per missing approval, each executed by its bureau, and a grant
//! completes its item and shows in the matrix.

mod common;

use common::*;
use rectify_proto::licensing::v1 as pb;
use rectify_proto::registry::v1 as rpb;
use rectify_testkit::conventions::refused;
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::{WorkItemHarness as _, done, of_kind};
use rectify_testkit::{Backend, authorized, event, of_type, on_both_backends};
use tonic::Code;

/// How many changes on licensing's feed carry an `M`, once the feed has settled (a change is
/// numbered just after its call returns).
async fn count<M: prost::Name>(scene: &Scene) -> usize {
    scene.service.settled_head(1).await;
    let changes = scene.service.whole_feed(&scene.office()).await;
    of_type::<M>(&changes).len()
}

async fn a_close_plan_gives_each_revocation_to_its_bureau(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let (enterprise, items) = scene.close("yuelai", "悦来镇宏达米业").await;
    let licence = of_kind(&items, "licence_revocation").clone();
    let permit = of_kind(&items, "water_permit_revocation").clone();
    assert_eq!(licence.executor, "market", "market revokes the licence");
    assert_eq!(permit.executor, "water", "water revokes the permit");

    let revoke = |request_id: &str, bureau: &str| {
        let request = licence_revocation(request_id, &licence.name);
        let request = authorized(request, &scene.bureau(bureau));
        let mut client = scene.client();
        async move { client.record_licence_revocation(request).await }
    };
    let by_water = revoke("w-on-m", "water").await;
    refused(
        by_water,
        Code::PermissionDenied,
        "water may not record market's revocation",
    );
    let untouched = scene.service.work_item(&licence.name).await;
    assert_eq!(
        untouched.etag, licence.etag,
        "the refused call changed nothing"
    );

    let recorded = revoke("m1", "market")
        .await
        .expect("market records its revocation")
        .into_inner();
    let item = done(recorded.work_item, "the revoked licence's item");
    let retried = revoke("m1", "market")
        .await
        .expect("a retry gets the first answer")
        .into_inner();
    assert_eq!(retried.work_item, Some(item), "same answer");
    assert_eq!(
        count::<pb::LicenceRevocationRecorded>(&scene).await,
        1,
        "the revocation is on the feed once"
    );
    let changes = scene.service.whole_feed(&scene.office()).await;
    let revoked: pb::LicenceRevocationRecorded =
        event(of_type::<pb::LicenceRevocationRecorded>(&changes)[0]);
    assert_eq!(revoked.enterprise, enterprise);
    assert_eq!(revoked.outcome, pb::LicenceOutcome::Revoked as i32);

    scene
        .client()
        .record_water_permit_revocation(authorized(
            water_permit_revocation("wp1", &permit.name),
            &scene.bureau("water"),
        ))
        .await
        .expect("water records its revocation");
    // The close plan's finding assessed no approval: the others stay unknown.
    let matrix = scene.approvals(&enterprise).await;
    assert_eq!(matrix.approvals.len(), 7, "seven approvals");
    let expected = [
        (
            pb::ApprovalKind::BusinessLicence,
            pb::ApprovalStatus::Revoked,
        ),
        (pb::ApprovalKind::WaterIntake, pb::ApprovalStatus::Revoked),
        (pb::ApprovalKind::Safety, pb::ApprovalStatus::Unknown),
    ];
    for (kind, status) in expected {
        assert_eq!(status_of(&matrix, kind), status, "{kind:?}");
    }
}

async fn an_upgrade_plan_gives_one_item_per_missing_approval_and_a_grant_completes_it(
    backend: Backend,
) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let approvals = rpb::Approvals {
        environmental: Some(false),
        safety: Some(false),
        water_intake: Some(false),
        business_licence: Some(true),
        ..Default::default()
    };
    let (enterprise, items) = scene.upgrade("悦来镇宏达米业", approvals, 3).await;
    let owners = [
        ("approval.environmental", "eco"),
        ("approval.safety", "safety"),
        ("approval.water_intake", "water"),
    ];
    for (kind, bureau) in owners {
        assert_eq!(
            of_kind(&items, kind).executor,
            bureau,
            "{kind} owned by {bureau}"
        );
    }
    // The finding reported the business licence held and assessed nothing of the MIIT filing.
    let matrix = scene
        .approvals_once(
            &enterprise,
            pb::ApprovalKind::BusinessLicence,
            pb::ApprovalStatus::ReportedHeld,
        )
        .await;
    let before = [
        (pb::ApprovalKind::Environmental, pb::ApprovalStatus::Missing),
        (pb::ApprovalKind::Safety, pb::ApprovalStatus::Missing),
        (pb::ApprovalKind::WaterIntake, pb::ApprovalStatus::Missing),
        (pb::ApprovalKind::MiitFiling, pb::ApprovalStatus::Unknown),
    ];
    for (kind, status) in before {
        assert_eq!(status_of(&matrix, kind), status, "{kind:?} before");
    }
    let lacking_env = scene.lacking(pb::ApprovalKind::Environmental, 1).await;
    assert_eq!(
        lacking_env,
        std::slice::from_ref(&enterprise),
        "listed as lacking environmental"
    );

    let granted = scene
        .client()
        .set_approval(authorized(grant("g1", &enterprise), &scene.bureau("eco")))
        .await
        .expect("eco grants the environmental approval")
        .into_inner();
    let item = done(granted.work_item, "the item the grant completed");
    assert_eq!(item.name, of_kind(&items, "approval.environmental").name);
    let matrix = scene.approvals(&enterprise).await;
    assert_eq!(
        status_of(&matrix, pb::ApprovalKind::Environmental),
        pb::ApprovalStatus::Granted,
        "the matrix shows the grant"
    );
    assert!(
        scene
            .lacking(pb::ApprovalKind::Environmental, 10)
            .await
            .is_empty(),
        "no longer lacking environmental"
    );
    assert_eq!(
        scene.lacking(pb::ApprovalKind::Unspecified, 10).await,
        std::slice::from_ref(&enterprise),
        "still lacking safety and water"
    );
    assert_eq!(count::<pb::ApprovalChanged>(&scene).await, 1, "one change");
}

async fn the_matrix_starts_from_what_the_findings_reported(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let mut finding = rectify_testkit::registry::finding("yuelai", "悦来镇顺发木器厂");
    let criteria = finding.criteria.as_mut().expect("criteria");
    criteria.approvals = Some(rpb::Approvals {
        business_licence: Some(true),
        land_use: Some(false),
        ..Default::default()
    });
    let township = scene.registry.township("yuelai");
    let reported = scene.registry.report(&township, "f1", finding).await;
    let enterprise = reported.enterprise.expect("enterprise").name;
    // No plan yet: licensing knows the enterprise from the finding alone.
    let matrix = scene
        .approvals_once(
            &enterprise,
            pb::ApprovalKind::BusinessLicence,
            pb::ApprovalStatus::ReportedHeld,
        )
        .await;
    assert_eq!(matrix.enterprise_display_name, "悦来镇顺发木器厂");
    assert_eq!(matrix.jurisdiction, "yuelai");
    let expected = [
        (
            pb::ApprovalKind::BusinessLicence,
            pb::ApprovalStatus::ReportedHeld,
        ),
        (pb::ApprovalKind::LandUse, pb::ApprovalStatus::Missing),
        (pb::ApprovalKind::Environmental, pb::ApprovalStatus::Unknown),
    ];
    for (kind, status) in expected {
        assert_eq!(status_of(&matrix, kind), status, "{kind:?}");
    }
    assert_eq!(
        scene.lacking(pb::ApprovalKind::LandUse, 10).await,
        std::slice::from_ref(&enterprise),
        "reported without land use: listed as lacking it"
    );
    assert!(
        scene
            .lacking(pb::ApprovalKind::BusinessLicence, 10)
            .await
            .is_empty(),
        "reported holding its licence: not lacking it"
    );
    // The bureau's own record takes precedence over the report.
    let mut applied = grant("a1", &enterprise);
    applied.kind = pb::ApprovalKind::LandUse as i32;
    applied.status = pb::ApprovalStatus::Granted as i32;
    scene
        .client()
        .set_approval(authorized(applied, &scene.bureau("land")))
        .await
        .expect("land grants the land-use approval");
    let matrix = scene.approvals(&enterprise).await;
    assert_eq!(
        status_of(&matrix, pb::ApprovalKind::LandUse),
        pb::ApprovalStatus::Granted
    );
    assert!(
        scene
            .lacking(pb::ApprovalKind::LandUse, 10)
            .await
            .is_empty(),
        "granted: no longer lacking land use"
    );
    // Reporting is the findings' part: nobody sets REPORTED_HELD, and nothing is stored.
    let mut claimed = grant("a2", &enterprise);
    claimed.status = pb::ApprovalStatus::ReportedHeld as i32;
    let refused = scene
        .client()
        .set_approval(authorized(claimed, &scene.bureau("eco")))
        .await
        .expect_err("REPORTED_HELD is refused");
    assert_eq!(refused.code(), Code::InvalidArgument);
    assert_eq!(count::<pb::ApprovalChanged>(&scene).await, 1, "one change");
}

on_both_backends!(
    a_close_plan_gives_each_revocation_to_its_bureau,
    an_upgrade_plan_gives_one_item_per_missing_approval_and_a_grant_completes_it,
    the_matrix_starts_from_what_the_findings_reported,
);
