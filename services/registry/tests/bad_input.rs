//! Every bad input is INVALID_ARGUMENT with a field violation, and nothing is
//! stored: no enterprise, no change in the feed.

use rectify_proto::common::v1::GeoPoint;
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, VALID_CREDIT_CODE, finding};
use rectify_testkit::{Backend, authorized};
use rectify_testkit::{TestService, on_both_backends};
use tonic::Code;
use tonic_types::StatusExt;

type TestApp = TestService<Registry>;

fn field_violations(status: &tonic::Status) -> Vec<String> {
    status
        .get_error_details()
        .bad_request()
        .map(|b| b.field_violations.iter().map(|v| v.field.clone()).collect())
        .unwrap_or_default()
}

fn assert_invalid(status: &tonic::Status, field: &str, case: &str) {
    assert_eq!(status.code(), Code::InvalidArgument, "{case}: {status:?}");
    let details = status.get_error_details();
    assert_eq!(
        details.error_info().map(|i| i.reason.as_str()),
        Some("INVALID_ARGUMENT"),
        "{case}: ErrorInfo missing"
    );
    assert!(
        field_violations(status).iter().any(|f| f == field),
        "{case}: expected a violation of {field}, got {:?} ({})",
        field_violations(status),
        status.message()
    );
}

async fn assert_nothing_stored(app: &TestApp, case: &str) {
    assert!(
        app.all_enterprises().await.is_empty(),
        "{case}: an enterprise was stored"
    );
    assert_eq!(
        app.settled_head(0).await,
        0,
        "{case}: a change was recorded"
    );
}

/// A bad-input case: its name, the field it spoils, and how.
type Case = (&'static str, &'static str, Box<dyn Fn(&mut pb::Finding)>);

async fn bad_findings_are_refused_and_nothing_is_stored(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut wrong_check = VALID_CREDIT_CODE.to_owned();
    wrong_check.replace_range(17..18, "X");
    let long_name = "米".repeat(101);
    let cases: Vec<Case> = vec![
        (
            "wrong check character",
            "finding.credit_code",
            Box::new(move |f| f.credit_code = wrong_check.clone()),
        ),
        (
            "17 characters",
            "finding.credit_code",
            Box::new(|f| f.credit_code = VALID_CREDIT_CODE[..17].into()),
        ),
        (
            "19 characters",
            "finding.credit_code",
            Box::new(|f| f.credit_code = format!("{VALID_CREDIT_CODE}1")),
        ),
        (
            "letter I",
            "finding.credit_code",
            Box::new(|f| f.credit_code = "91350100I000100Y43".into()),
        ),
        (
            "letter O",
            "finding.credit_code",
            Box::new(|f| f.credit_code = "91350100O000100Y43".into()),
        ),
        (
            "letter S",
            "finding.credit_code",
            Box::new(|f| f.credit_code = "91350100S000100Y43".into()),
        ),
        (
            "letter V",
            "finding.credit_code",
            Box::new(|f| f.credit_code = "91350100V000100Y43".into()),
        ),
        (
            "letter Z",
            "finding.credit_code",
            Box::new(|f| f.credit_code = "91350100Z000100Y43".into()),
        ),
        (
            "latitude 91",
            "finding.location.latitude",
            Box::new(|f| {
                f.location = Some(GeoPoint {
                    latitude: 91.0,
                    longitude: 130.7,
                })
            }),
        ),
        (
            "longitude -181",
            "finding.location.longitude",
            Box::new(|f| {
                f.location = Some(GeoPoint {
                    latitude: 46.9,
                    longitude: -181.0,
                })
            }),
        ),
        (
            "outside the county",
            "finding.location",
            Box::new(|f| {
                f.location = Some(GeoPoint {
                    latitude: 0.0,
                    longitude: 0.0,
                })
            }),
        ),
        (
            "unknown jurisdiction",
            "finding.jurisdiction",
            Box::new(|f| f.jurisdiction = "atlantis".into()),
        ),
        (
            "empty name",
            "finding.enterprise_name",
            Box::new(|f| f.enterprise_name = "   ".into()),
        ),
        (
            "oversized name",
            "finding.enterprise_name",
            Box::new(move |f| f.enterprise_name = long_name.clone()),
        ),
        (
            "name of two zero-width spaces",
            "finding.enterprise_name",
            Box::new(|f| f.enterprise_name = "\u{200B}\u{200B}".into()),
        ),
        (
            "address of a byte-order mark and a word joiner",
            "finding.address",
            Box::new(|f| f.address = "\u{FEFF}\u{2060}".into()),
        ),
        ("no source", "finding.source", Box::new(|f| f.source = 0)),
        (
            "empty address",
            "finding.address",
            Box::new(|f| f.address = String::new()),
        ),
    ];
    for (case, field, spoil) in cases {
        let mut f = finding("yuelai", "悦来镇宏达米业");
        spoil(&mut f);
        let status = app
            .registry()
            .report_finding(authorized(
                pb::ReportFindingRequest {
                    request_id: format!("bad-{case}"),
                    finding: Some(f),
                },
                &app.office(),
            ))
            .await
            .expect_err(case);
        assert_invalid(&status, field, case);
    }
    assert_nothing_stored(&app, "bad findings").await;
}

async fn credit_code_spaces_and_lower_case_are_normalised(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut f = finding("yuelai", "悦来镇宏达米业");
    f.credit_code = format!("  {}  ", VALID_CREDIT_CODE.to_lowercase());
    let answer = app.report(&app.office(), "r1", f).await;
    assert_eq!(
        answer.enterprise.expect("enterprise").credit_code,
        VALID_CREDIT_CODE,
        "credit code stored in canonical form"
    );
}

async fn plan_deadline_after_the_campaign_and_override_without_reason_are_refused(
    backend: Backend,
) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    let reported = app
        .report(&office, "r1", finding("yuelai", "悦来镇宏达米业"))
        .await;
    let name = reported.enterprise.expect("enterprise").name;
    let mut registry = app.registry();
    registry
        .confirm_enterprise(authorized(
            pb::ConfirmEnterpriseRequest {
                request_id: "c1".into(),
                name: name.clone(),
                etag: String::new(),
            },
            &office,
        ))
        .await
        .expect("confirm");
    let suggestion = registry
        .suggest_classification(authorized(
            pb::SuggestClassificationRequest { name: name.clone() },
            &office,
        ))
        .await
        .expect("suggest")
        .into_inner();
    assert_eq!(
        suggestion.category(),
        pb::Category::Upgrade,
        "missing EIA and pollution control suggests upgrade"
    );
    let head_before = app.settled_head(2).await;
    assert_eq!(head_before, 2, "reported and confirmed");

    let status = registry
        .classify_enterprise(authorized(
            pb::ClassifyEnterpriseRequest {
                request_id: "k1".into(),
                name: name.clone(),
                etag: String::new(),
                category: pb::Category::Close as i32,
                reason: "  ".into(),
            },
            &office,
        ))
        .await
        .expect_err("override without reason");
    assert_invalid(&status, "reason", "override without a reason");
    let enterprise = registry
        .get_enterprise(authorized(
            pb::GetEnterpriseRequest { name: name.clone() },
            &office,
        ))
        .await
        .expect("get")
        .into_inner();
    assert_eq!(
        enterprise.state(),
        pb::LifecycleState::Confirmed,
        "refused classify changed nothing"
    );

    registry
        .classify_enterprise(authorized(
            pb::ClassifyEnterpriseRequest {
                request_id: "k2".into(),
                name: name.clone(),
                etag: String::new(),
                category: pb::Category::Upgrade as i32,
                reason: String::new(),
            },
            &office,
        ))
        .await
        .expect("classify as suggested needs no reason");
    let plan = app.plan(&name).await;
    let mut late = plan.clone();
    late.measures[0].deadline = "2022-01-01".into();
    let status = registry
        .update_plan(authorized(
            pb::UpdatePlanRequest {
                request_id: "u1".into(),
                plan: Some(late),
                update_mask: None,
            },
            &office,
        ))
        .await
        .expect_err("deadline after the campaign's end");
    assert_invalid(
        &status,
        "plan.measures[0].deadline",
        "measure deadline after campaign end",
    );
    let unchanged = app.plan(&name).await;
    assert_eq!(unchanged, plan, "refused update changed the plan");
    assert_eq!(
        app.settled_head(head_before + 1).await,
        head_before + 1,
        "only the accepted classify was recorded"
    );
}

on_both_backends!(
    bad_findings_are_refused_and_nothing_is_stored,
    credit_code_spaces_and_lower_case_are_normalised,
    plan_deadline_after_the_campaign_and_override_without_reason_are_refused,
);
