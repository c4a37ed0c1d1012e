//! `ImportFindings`: a township's survey stored whole or not at all. A good batch stores every
//! row (merging rows of one workshop), one bad row among good ones refuses the batch naming
//! that row and stores nothing, only the township itself or the office may import, and a
//! retried request_id imports once.

use rectify_proto::common::v1::GeoPoint;
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, VALID_CREDIT_CODE, finding};
use rectify_testkit::{Backend, TestService, authorized, on_both_backends};
use tonic::Code;
use tonic_types::StatusExt;

type TestApp = TestService<Registry>;

fn import(
    request_id: &str,
    jurisdiction: &str,
    findings: Vec<pb::Finding>,
) -> pb::ImportFindingsRequest {
    pb::ImportFindingsRequest {
        request_id: request_id.into(),
        jurisdiction: jurisdiction.into(),
        findings,
        entered_by: "zhangsan".into(),
    }
}

/// Three workshops of 悦来镇, the jurisdiction left to the batch.
fn survey() -> Vec<pb::Finding> {
    [
        "悦来镇太平村鑫盛厂",
        "悦来镇太平村顺发作坊",
        "悦来镇双河村福源加工作坊",
    ]
    .into_iter()
    .map(|name| pb::Finding {
        jurisdiction: String::new(),
        ..finding("yuelai", name)
    })
    .collect()
}

async fn a_good_survey_is_stored_whole_as_reported_by_its_township(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut rows = survey();
    rows.push(finding("yuelai", "悦来镇太平村鑫盛厂"));
    let answer = app
        .registry()
        .import_findings(authorized(import("i1", "yuelai", rows), &app.office()))
        .await
        .expect("import")
        .into_inner();
    assert_eq!(answer.findings.len(), 4, "one finding per row");
    assert_eq!(
        answer.merged, 1,
        "the repeated workshop merges onto the first row's"
    );
    let enterprises = app.all_enterprises().await;
    assert_eq!(enterprises.len(), 3, "three workshops");
    assert!(
        enterprises.iter().all(|e| e.jurisdiction == "yuelai"),
        "every row in the batch's jurisdiction"
    );
    let findings = app
        .registry()
        .list_findings(authorized(
            pb::ListFindingsRequest {
                parent: answer.findings[0].enterprise.clone(),
                ..Default::default()
            },
            &app.office(),
        ))
        .await
        .expect("list findings")
        .into_inner()
        .findings;
    assert_eq!(findings.len(), 2, "the first workshop has both its rows");
    for f in &findings {
        assert_eq!(f.reporter, "yuelai", "recorded as the township's report");
        assert_eq!(f.entered_by, "zhangsan", "with who entered it");
    }
    assert_eq!(app.settled_head(4).await, 4, "one change per row");
    let feed = app.whole_feed(&app.office()).await;
    for change in &feed {
        let event: pb::FindingReported = rectify_testkit::event(change);
        assert_eq!(event.reporter, "yuelai", "the feed names the township");
        assert_eq!(
            event.entered_by, "zhangsan",
            "and who entered it, in the audit chain"
        );
        assert_eq!(
            change.actor, "office/office-tester",
            "the office is the actor"
        );
    }
}

async fn one_bad_row_among_good_ones_refuses_the_batch_and_stores_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut rows = survey();
    let mut wrong_check = VALID_CREDIT_CODE.to_owned();
    wrong_check.replace_range(17..18, "X");
    rows[1].credit_code = wrong_check;
    rows[2].location = Some(GeoPoint {
        latitude: 39.9,
        longitude: 116.4,
    });
    let status = app
        .registry()
        .import_findings(authorized(import("i1", "yuelai", rows), &app.office()))
        .await
        .expect_err("a bad row refuses the batch");
    assert_eq!(status.code(), Code::InvalidArgument, "{status:?}");
    let details = status.get_error_details();
    assert_eq!(
        details.error_info().map(|i| i.reason.as_str()),
        Some("INVALID_ARGUMENT")
    );
    let violations = details
        .bad_request()
        .expect("BadRequest")
        .field_violations
        .clone();
    let fields: Vec<_> = violations.iter().map(|v| v.field.as_str()).collect();
    assert_eq!(
        fields,
        ["findings[1].credit_code", "findings[2].location"],
        "each bad row named by its place"
    );
    let zh = violations[1]
        .localized_message
        .as_ref()
        .map(|m| m.message.as_str())
        .unwrap_or_default();
    assert!(
        zh.contains("坐标不在本县范围内"),
        "Chinese description: {zh}"
    );
    assert!(app.all_enterprises().await.is_empty(), "nothing stored");
    assert_eq!(app.settled_head(0).await, 0, "feed head unchanged");
}

async fn bad_batches_are_refused_and_nothing_is_stored(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    let mut elsewhere = survey();
    elsewhere[0].jurisdiction = "donghe".into();
    let too_many = vec![finding("yuelai", "悦来镇宏达米业"); 2001];
    let cases = [
        ("no rows", import("b1", "yuelai", vec![]), "findings"),
        (
            "too many rows",
            import("b2", "yuelai", too_many),
            "findings",
        ),
        (
            "unknown jurisdiction",
            import("b3", "悦来镇", survey()),
            "jurisdiction",
        ),
        (
            "no jurisdiction from the office",
            import("b4", "", survey()),
            "jurisdiction",
        ),
        (
            "a row of another township",
            import("b5", "yuelai", elsewhere),
            "findings[0].jurisdiction",
        ),
    ];
    for (case, request, field) in cases {
        let status = app
            .registry()
            .import_findings(authorized(request, &office))
            .await
            .expect_err(case);
        assert_eq!(status.code(), Code::InvalidArgument, "{case}: {status:?}");
        let fields: Vec<String> = status
            .get_error_details()
            .bad_request()
            .map(|b| b.field_violations.iter().map(|v| v.field.clone()).collect())
            .unwrap_or_default();
        assert!(fields.iter().any(|f| f == field), "{case}: {fields:?}");
    }
    assert!(app.all_enterprises().await.is_empty(), "nothing stored");
    assert_eq!(app.settled_head(0).await, 0, "no change recorded");
}

async fn another_township_a_bureau_or_supervision_may_not_import(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    use rectify_kit::auth::PartyKind;
    let cases = [
        ("another township", app.township("donghe")),
        ("a bureau", app.bureau("water")),
        ("supervision", app.token("gov", PartyKind::Supervision, &[])),
        ("a service", app.service("coordinator")),
    ];
    for (case, token) in cases {
        let status = app
            .registry()
            .import_findings(authorized(import("p1", "yuelai", survey()), &token))
            .await
            .expect_err(case);
        assert_eq!(status.code(), Code::PermissionDenied, "{case}: {status:?}");
        assert_eq!(
            status
                .get_error_details()
                .error_info()
                .map(|i| i.reason.clone()),
            Some("PERMISSION_DENIED".to_owned()),
            "{case}"
        );
    }
    assert!(app.all_enterprises().await.is_empty(), "nothing stored");
    let own = app
        .registry()
        .import_findings(authorized(
            import("p2", "", survey()),
            &app.township("yuelai"),
        ))
        .await
        .expect("a township imports its own survey")
        .into_inner();
    assert_eq!(own.findings.len(), 3);
}

async fn a_retried_import_stores_once_and_gives_the_first_answer(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let send = || async {
        app.registry()
            .import_findings(authorized(
                import("same", "yuelai", survey()),
                &app.office(),
            ))
            .await
            .expect("import")
            .into_inner()
    };
    let first = send().await;
    let again = send().await;
    assert_eq!(first, again, "the retry gives the first answer");
    assert_eq!(app.all_enterprises().await.len(), 3, "stored once");
    assert_eq!(app.settled_head(3).await, 3, "three changes, not six");
    let mut other = survey();
    other.truncate(1);
    let status = app
        .registry()
        .import_findings(authorized(import("same", "yuelai", other), &app.office()))
        .await
        .expect_err("the same request_id with another batch");
    assert_eq!(
        status
            .get_error_details()
            .error_info()
            .map(|i| i.reason.clone()),
        Some("REQUEST_ID_REUSED".to_owned())
    );
}

on_both_backends!(
    a_good_survey_is_stored_whole_as_reported_by_its_township,
    one_bad_row_among_good_ones_refuses_the_batch_and_stores_nothing,
    bad_batches_are_refused_and_nothing_is_stored,
    another_township_a_bureau_or_supervision_may_not_import,
    a_retried_import_stores_once_and_gives_the_first_answer,
);
