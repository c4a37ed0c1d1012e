//! Every bad input to licensing is refused with a clear error, and nothing is stored: an unknown
//! approval type, a permit dated in the future, an empty permit number, a grant by another
//! bureau, a malformed or unknown enterprise.

mod common;

use common::*;
use rectify_proto::licensing::v1 as pb;
use rectify_proto::registry::v1 as rpb;
use rectify_testkit::conventions::{assert_error_shape, assert_invalid_field};
use rectify_testkit::{Backend, authorized, on_both_backends};
use tonic::Code;

async fn bad_grants_are_refused_and_change_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let approvals = rpb::Approvals {
        environmental: Some(false),
        ..Default::default()
    };
    let (enterprise, _) = scene.upgrade("悦来镇宏达米业", approvals, 1).await;
    let head = scene.service.settled_head(1).await;
    let before = scene.approvals(&enterprise).await;

    type Edit = fn(&mut pb::SetApprovalRequest);
    let invalid: [(&str, Edit, &str); 5] = [
        ("an unknown approval type", |r| r.kind = 99, "kind"),
        (
            "a permit dated in the future",
            |r| r.granted_on = "2021-10-16".into(),
            "granted_on",
        ),
        (
            "an empty permit number",
            |r| r.permit_number = " ".into(),
            "permit_number",
        ),
        (
            "a grant without evidence",
            |r| r.evidence = None,
            "evidence",
        ),
        (
            "a malformed enterprise",
            |r| r.enterprise = "firms/1".into(),
            "enterprise",
        ),
    ];
    for (case, edit, field) in invalid {
        let mut request = grant(case, &enterprise);
        edit(&mut request);
        let status = scene
            .client()
            .set_approval(authorized(request, &scene.bureau("eco")))
            .await
            .expect_err(case);
        assert_error_shape(&status, Code::InvalidArgument, "INVALID_ARGUMENT", case);
        assert_invalid_field(&status, field, case);
    }

    let unknown = "enterprises/0190a7e2-0000-7000-8000-000000000009";
    let refusals = [
        (
            "a grant by another bureau (land may not grant the environmental approval)",
            grant("by-land", &enterprise),
            "land",
            (Code::PermissionDenied, "PERMISSION_DENIED"),
        ),
        (
            "an unknown enterprise (one licensing holds nothing of)",
            grant("unknown", unknown),
            "eco",
            (Code::NotFound, "NOT_FOUND"),
        ),
    ];
    for (case, request, bureau, (code, reason)) in refusals {
        let status = scene
            .client()
            .set_approval(authorized(request, &scene.bureau(bureau)))
            .await
            .expect_err(case);
        assert_error_shape(&status, code, reason, case);
    }

    scene
        .service
        .assert_nothing_after(head, "nothing on the feed")
        .await;
    assert_eq!(
        scene.approvals(&enterprise).await,
        before,
        "the matrix is unchanged"
    );
}

async fn bad_reads_are_refused(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let (enterprise, _) = scene.close("yuelai", "悦来镇宏达米业").await;
    let status = scene
        .client()
        .get_approvals(authorized(
            pb::GetApprovalsRequest {
                name: format!("{enterprise}/approvals"),
            },
            &scene.township("donghe"),
        ))
        .await
        .expect_err("another jurisdiction's enterprise");
    assert_eq!(status.code(), Code::PermissionDenied, "{status:?}");
    let status = scene
        .client()
        .get_approvals(authorized(
            pb::GetApprovalsRequest {
                name: enterprise.clone(),
            },
            &scene.office(),
        ))
        .await
        .expect_err("a name without /approvals");
    assert_invalid_field(&status, "name", "malformed name");
    let status = scene
        .client()
        .list_enterprises_by_missing_approval(authorized(
            pb::ListEnterprisesByMissingApprovalRequest {
                kind: 99,
                ..Default::default()
            },
            &scene.office(),
        ))
        .await
        .expect_err("an unknown approval type");
    assert_invalid_field(&status, "kind", "unknown kind filter");
    let own = scene
        .client()
        .get_approvals(authorized(
            pb::GetApprovalsRequest {
                name: format!("{enterprise}/approvals"),
            },
            &scene.township("yuelai"),
        ))
        .await
        .expect("the enterprise's own jurisdiction reads it");
    assert_eq!(own.into_inner().jurisdiction, "yuelai");
}

on_both_backends!(
    bad_grants_are_refused_and_change_nothing,
    bad_reads_are_refused
);
