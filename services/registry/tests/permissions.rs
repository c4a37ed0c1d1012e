//! The permission matrix: every rule refuses the other party with the right
//! code, and bad tokens are UNAUTHENTICATED.

use rectify_kit::auth::PartyKind;
use rectify_proto::feed::v1::WatchChangesRequest;
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, finding};
use rectify_testkit::{Backend, authorized};
use rectify_testkit::{TestService, on_both_backends};
use tonic::Code;
use tonic_types::StatusExt as _;

type TestApp = TestService<Registry>;

fn report(f: pb::Finding, id: &str) -> pb::ReportFindingRequest {
    pb::ReportFindingRequest {
        request_id: id.into(),
        finding: Some(f),
    }
}

async fn a_township_may_not_report_in_another_townships_territory(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let status = app
        .registry()
        .report_finding(authorized(
            report(finding("donghe", "东河乡老王砖厂"), "r1"),
            &app.township("yuelai"),
        ))
        .await
        .expect_err("yuelai reporting in donghe");
    assert_eq!(status.code(), Code::PermissionDenied, "{status:?}");
    assert!(app.all_enterprises().await.is_empty(), "nothing stored");
    app.report(
        &app.township("donghe"),
        "r2",
        finding("donghe", "东河乡老王砖厂"),
    )
    .await;
    app.report(
        &app.bureau("water"),
        "r3",
        finding("yuelai", "悦来镇宏达米业"),
    )
    .await;
}

async fn bureaus_and_townships_may_not_classify_or_publish(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let e = app
        .report(&app.office(), "r1", finding("yuelai", "悦来镇宏达米业"))
        .await
        .enterprise
        .expect("e");
    let mut registry = app.registry();
    for token in [
        app.bureau("eco"),
        app.bureau("miit"),
        app.township("yuelai"),
        app.service("coordinator"),
    ] {
        let status = registry
            .confirm_enterprise(authorized(
                pb::ConfirmEnterpriseRequest {
                    request_id: "c".into(),
                    name: e.name.clone(),
                    etag: String::new(),
                },
                &token,
            ))
            .await
            .expect_err("confirm by a non-office party");
        assert_eq!(status.code(), Code::PermissionDenied, "confirm: {status:?}");
        let status = registry
            .classify_enterprise(authorized(
                pb::ClassifyEnterpriseRequest {
                    request_id: "k".into(),
                    name: e.name.clone(),
                    category: pb::Category::Upgrade as i32,
                    ..Default::default()
                },
                &token,
            ))
            .await
            .expect_err("classify by a non-office party");
        assert_eq!(
            status.code(),
            Code::PermissionDenied,
            "classify: {status:?}"
        );
        let status = registry
            .publish_plan(authorized(
                pb::PublishPlanRequest {
                    request_id: "p".into(),
                    name: format!("{}/plan", e.name),
                    etag: String::new(),
                },
                &token,
            ))
            .await
            .expect_err("publish by a non-office party");
        assert_eq!(status.code(), Code::PermissionDenied, "publish: {status:?}");
    }
    let still = registry
        .get_enterprise(authorized(
            pb::GetEnterpriseRequest {
                name: e.name.clone(),
            },
            &app.office(),
        ))
        .await
        .expect("get")
        .into_inner();
    assert_eq!(
        still.state(),
        pb::LifecycleState::Reported,
        "refused calls changed nothing"
    );
}

async fn a_jurisdiction_may_not_read_another_jurisdictions_enterprises(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let e = app
        .report(&app.office(), "r1", finding("donghe", "东河乡老王砖厂"))
        .await
        .enterprise
        .expect("e");
    app.report(&app.office(), "r2", finding("yuelai", "悦来镇宏达米业"))
        .await;
    let mut registry = app.registry();
    let yuelai = app.township("yuelai");
    let status = registry
        .get_enterprise(authorized(
            pb::GetEnterpriseRequest {
                name: e.name.clone(),
            },
            &yuelai,
        ))
        .await
        .expect_err("yuelai reading donghe's enterprise");
    assert_eq!(status.code(), Code::PermissionDenied, "{status:?}");
    let status = registry
        .list_enterprises(authorized(
            pb::ListEnterprisesRequest {
                jurisdiction: "donghe".into(),
                ..Default::default()
            },
            &yuelai,
        ))
        .await
        .expect_err("yuelai listing donghe");
    assert_eq!(status.code(), Code::PermissionDenied, "{status:?}");
    let own = registry
        .list_enterprises(authorized(pb::ListEnterprisesRequest::default(), &yuelai))
        .await
        .expect("own list")
        .into_inner();
    assert_eq!(own.enterprises.len(), 1, "yuelai sees only its own");
    assert!(own.enterprises.iter().all(|e| e.jurisdiction == "yuelai"));
    let op = own.enterprises[0].operator.clone().expect("operator");
    assert_eq!(
        op.phone, "138****1234",
        "personal data masked without the pii role"
    );
}

async fn only_the_coordinator_service_may_sign_off(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let enterprise = app.publish_close_plan("yuelai", "悦来镇宏达米业").await;
    let mut registry = app.registry();
    let sign_off = |token: &str| {
        authorized(
            pb::SignOffEnterpriseRequest {
                request_id: "s".into(),
                name: enterprise.clone(),
                etag: String::new(),
                note: String::new(),
            },
            token,
        )
    };
    for (who, token) in [
        ("the office", app.office()),
        ("a bureau", app.bureau("eco")),
        ("a township", app.township("yuelai")),
        (
            "supervision",
            app.token("supervision", PartyKind::Supervision, &[]),
        ),
        ("another service", app.service("environment")),
    ] {
        let status = registry
            .sign_off_enterprise(sign_off(&token))
            .await
            .expect_err("a sign-off not sent by the coordinator");
        assert_eq!(status.code(), Code::PermissionDenied, "{who}: {status:?}");
        assert_eq!(
            status
                .get_error_details()
                .error_info()
                .map(|i| i.reason.clone()),
            Some("COORDINATOR_ONLY".to_owned()),
            "{who}"
        );
    }
    let still = registry
        .get_enterprise(authorized(
            pb::GetEnterpriseRequest {
                name: enterprise.clone(),
            },
            &app.office(),
        ))
        .await
        .expect("get")
        .into_inner();
    assert_eq!(
        still.state(),
        pb::LifecycleState::Published,
        "refused calls changed nothing"
    );
    let signed = registry
        .sign_off_enterprise(sign_off(&app.service("coordinator")))
        .await
        .expect("the coordinator signs off")
        .into_inner();
    assert_eq!(signed.state(), pb::LifecycleState::UnderWatch);
}

async fn only_services_and_the_office_may_watch_the_registry_feed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut feed = app.feed();
    for token in [app.township("yuelai"), app.bureau("eco")] {
        let status = feed
            .watch_changes(authorized(
                WatchChangesRequest {
                    after: 0,
                    follow: false,
                },
                &token,
            ))
            .await
            .expect_err("feed by a jurisdiction or bureau");
        assert_eq!(status.code(), Code::PermissionDenied, "{status:?}");
    }
    for token in [app.service("coordinator"), app.office()] {
        feed.watch_changes(authorized(
            WatchChangesRequest {
                after: 0,
                follow: false,
            },
            &token,
        ))
        .await
        .expect("feed by a service or the office");
    }
}

async fn the_public_list_needs_no_token(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.registry()
        .list_public_plans(tonic::Request::new(pb::ListPublicPlansRequest::default()))
        .await
        .expect("the public list needs no token");
}

on_both_backends!(
    only_the_coordinator_service_may_sign_off,
    a_township_may_not_report_in_another_townships_territory,
    bureaus_and_townships_may_not_classify_or_publish,
    a_jurisdiction_may_not_read_another_jurisdictions_enterprises,
    only_services_and_the_office_may_watch_the_registry_feed,
    the_public_list_needs_no_token,
);
