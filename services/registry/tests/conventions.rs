//! The API conventions: the checks every service runs (rectify_testkit's
//! `conventions`), run for the registry, and the registry's own: a township's
//! jurisdiction taken from its token, unknown filters refused, what a party
//! reported, messages that say what is wrong.

use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::conventions::{
    self, assert_error_shape, assert_invalid_field, violation_description,
};
use rectify_testkit::registry::{RegistryHarness, finding};
use rectify_testkit::{Backend, TestService, authorized, on_both_backends};
use tonic::Code;

type TestApp = TestService<Registry>;

/// What the registry holds, as far as a refused call could have changed it:
/// every enterprise with its etag and number of findings.
async fn stored(app: &TestApp) -> Vec<(String, String, i32)> {
    app.all_enterprises()
        .await
        .into_iter()
        .map(|e| (e.name, e.etag, e.finding_count))
        .collect()
}

fn report(request_id: String, finding: pb::Finding) -> pb::ReportFindingRequest {
    pb::ReportFindingRequest {
        request_id,
        finding: Some(finding),
    }
}

async fn errors_of_every_kind_have_the_documented_shape(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    let mut registry = app.registry();
    let e = app
        .report(&office, "r1", finding("yuelai", "悦来镇宏达米业"))
        .await
        .enterprise
        .expect("enterprise");

    let mut bad = finding("yuelai", "  ");
    bad.credit_code = "123".into();
    let status = registry
        .report_finding(authorized(report("r2".into(), bad), &office))
        .await
        .expect_err("bad finding");
    assert_invalid_field(&status, "finding.enterprise_name", "bad finding");
    assert_eq!(
        conventions::violated_fields(&status),
        ["finding.enterprise_name", "finding.credit_code"],
        "every bad field is reported, in order"
    );

    let status = registry
        .get_enterprise(authorized(
            pb::GetEnterpriseRequest {
                name: "enterprises/0190-missing".into(),
            },
            &office,
        ))
        .await
        .expect_err("unknown enterprise");
    assert_error_shape(&status, Code::NotFound, "NOT_FOUND", "not found");
    assert_eq!(
        status.message(),
        "enterprise not found: enterprises/0190-missing",
        "the English says what was not found, in English"
    );

    let status = registry
        .get_enterprise(authorized(
            pb::GetEnterpriseRequest {
                name: e.name.clone(),
            },
            &app.township("donghe"),
        ))
        .await
        .expect_err("another township's enterprise");
    assert_error_shape(
        &status,
        Code::PermissionDenied,
        "PERMISSION_DENIED",
        "permission denied",
    );

    let confirm = |request_id: &str, etag: &str| pb::ConfirmEnterpriseRequest {
        request_id: request_id.into(),
        name: e.name.clone(),
        etag: etag.into(),
    };
    let status = registry
        .confirm_enterprise(authorized(confirm("c0", "\"999\""), &office))
        .await
        .expect_err("stale etag");
    assert_error_shape(&status, Code::Aborted, "ETAG_MISMATCH", "stale etag");
    registry
        .confirm_enterprise(authorized(confirm("c1", &e.etag), &office))
        .await
        .expect("confirm");
    let status = registry
        .confirm_enterprise(authorized(confirm("c2", ""), &office))
        .await
        .expect_err("confirmed twice");
    assert_error_shape(
        &status,
        Code::FailedPrecondition,
        "WRONG_LIFECYCLE_STATE",
        "wrong state",
    );

    let status = registry
        .classify_enterprise(authorized(
            pb::ClassifyEnterpriseRequest {
                request_id: "k1".into(),
                name: e.name.clone(),
                category: pb::Category::None as i32,
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect_err("classified as not 散乱污");
    assert_invalid_field(&status, "category", "category none");
}

async fn authorization_mistakes_are_explained(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let token = app.township("yuelai");
    conventions::check_authorization("GetCampaign", &token, |authorization| {
        let mut registry = app.registry();
        async move {
            registry
                .get_campaign(conventions::with_authorization(
                    pb::GetCampaignRequest {},
                    authorization.as_deref(),
                ))
                .await
        }
    })
    .await;
    conventions::check_authorization("ReportFinding", &token, |authorization| {
        let mut registry = app.registry();
        async move {
            registry
                .report_finding(conventions::with_authorization(
                    report("auth".into(), finding("yuelai", "悦来镇宏达米业")),
                    authorization.as_deref(),
                ))
                .await
        }
    })
    .await;
}

async fn request_ids_are_at_most_128_printable_ascii_characters(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let token = app.township("yuelai");
    conventions::check_request_id_limits(
        "ReportFinding",
        |request_id| {
            let mut registry = app.registry();
            let token = token.clone();
            async move {
                registry
                    .report_finding(authorized(
                        report(request_id, finding("yuelai", "悦来镇宏达米业")),
                        &token,
                    ))
                    .await
            }
        },
        || stored(&app),
    )
    .await;
}

async fn a_request_id_reused_for_another_request_is_refused_and_changes_nothing(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    let first = |request_id: String| {
        let mut registry = app.registry();
        let office = office.clone();
        async move {
            registry
                .report_finding(authorized(
                    report(request_id, finding("yuelai", "悦来镇宏达米业")),
                    &office,
                ))
                .await
        }
    };
    conventions::check_request_id_reuse(
        "ReportFinding",
        first,
        |request_id| {
            let mut registry = app.registry();
            let office = office.clone();
            async move {
                registry
                    .report_finding(authorized(
                        report(request_id, finding("donghe", "东河乡老王砖厂")),
                        &office,
                    ))
                    .await
            }
        },
        || stored(&app),
    )
    .await;

    let e = app.all_enterprises().await.remove(0);
    conventions::check_request_id_reuse(
        "ReportFinding then ConfirmEnterprise",
        first,
        |request_id| {
            let mut registry = app.registry();
            let office = office.clone();
            let name = e.name.clone();
            async move {
                registry
                    .confirm_enterprise(authorized(
                        pb::ConfirmEnterpriseRequest {
                            request_id,
                            name,
                            etag: String::new(),
                        },
                        &office,
                    ))
                    .await
            }
        },
        || stored(&app),
    )
    .await;
}

async fn a_township_naming_no_jurisdiction_reports_in_its_own(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let answer = app
        .report(&app.township("yuelai"), "r1", finding("", "悦来镇宏达米业"))
        .await;
    let e = answer.enterprise.expect("enterprise");
    assert_eq!(e.jurisdiction, "yuelai", "the township's own jurisdiction");

    let mut registry = app.registry();
    for (token, who) in [
        (app.bureau("water"), "a bureau"),
        (app.office(), "the office"),
    ] {
        let before = stored(&app).await;
        let status = registry
            .report_finding(authorized(
                report("r2".into(), finding("", "东河乡老王砖厂")),
                &token,
            ))
            .await
            .expect_err("no jurisdiction named");
        let case = format!("{who} naming no jurisdiction");
        assert_invalid_field(&status, "finding.jurisdiction", &case);
        let description =
            violation_description(&status, "finding.jurisdiction").unwrap_or_default();
        assert!(
            description.starts_with("is required: a jurisdiction code such as yuelai"),
            "{case}: the message says a code is needed and shows one: {description}"
        );
        assert_eq!(stored(&app).await, before, "{case}: nothing stored");
    }
    assert_eq!(app.settled_head(1).await, 1, "one change in the feed");
}

async fn filters_naming_unknown_values_are_invalid_arguments_not_empty_lists(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    app.report(&office, "r1", finding("yuelai", "悦来镇宏达米业"))
        .await;
    let mut registry = app.registry();
    let list = |change: fn(&mut pb::ListEnterprisesRequest)| {
        let mut request = pb::ListEnterprisesRequest::default();
        change(&mut request);
        request
    };
    let cases: [(&str, pb::ListEnterprisesRequest, &str, &str); 4] = [
        (
            "a jurisdiction's name for its code",
            list(|r| r.jurisdiction = "悦来镇".into()),
            "jurisdiction",
            "unknown jurisdiction \"悦来镇\"; use a jurisdiction code such as yuelai",
        ),
        (
            "an unknown state number",
            list(|r| r.state = 99),
            "state",
            "99 is not one of the known values: LIFECYCLE_STATE_UNSPECIFIED (0), LIFECYCLE_STATE_REPORTED (1)",
        ),
        (
            "an unknown category number",
            list(|r| r.category = 42),
            "category",
            "42 is not one of the known values: CATEGORY_UNSPECIFIED (0), CATEGORY_UPGRADE (1)",
        ),
        (
            "a bureau's name for its code",
            list(|r| r.reported_by = "水务局".into()),
            "reported_by",
            "unknown party \"水务局\"; use a party code such as",
        ),
    ];
    for (case, request, field, says) in cases {
        let status = registry
            .list_enterprises(authorized(request, &office))
            .await
            .expect_err(case);
        assert_invalid_field(&status, field, case);
        let description = violation_description(&status, field).unwrap_or_default();
        assert!(
            description.starts_with(says),
            "{case}: the message should say {says:?}: {description}"
        );
    }
    let status = registry
        .list_enterprises(authorized(
            list(|r| {
                r.jurisdiction = "atlantis".into();
                r.state = 99;
            }),
            &office,
        ))
        .await
        .expect_err("two bad filters");
    assert_eq!(
        conventions::violated_fields(&status),
        ["jurisdiction", "state"],
        "both bad filters are reported at once"
    );

    for (case, request, field) in [
        (
            "public list: a jurisdiction's name",
            pb::ListPublicPlansRequest {
                jurisdiction: "悦来镇".into(),
                ..Default::default()
            },
            "jurisdiction",
        ),
        (
            "public list: an unknown category",
            pb::ListPublicPlansRequest {
                category: 42,
                ..Default::default()
            },
            "category",
        ),
    ] {
        let status = registry
            .list_public_plans(tonic::Request::new(request))
            .await
            .expect_err(case);
        assert_invalid_field(&status, field, case);
    }

    let known = registry
        .list_enterprises(authorized(
            list(|r| r.jurisdiction = "yuelai".into()),
            &office,
        ))
        .await
        .expect("a known code");
    assert_eq!(
        known.into_inner().enterprises.len(),
        1,
        "the code finds what the name did not"
    );

    let before = stored(&app).await;
    let e = &app.all_enterprises().await[0];
    let status = registry
        .classify_enterprise(authorized(
            pb::ClassifyEnterpriseRequest {
                request_id: "k1".into(),
                name: e.name.clone(),
                category: 42,
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect_err("unknown category");
    assert_invalid_field(&status, "category", "classify into category 42");
    assert_eq!(stored(&app).await, before, "classify 42: nothing changed");
}

async fn a_missing_or_unknown_source_says_which_are_allowed(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let mut registry = app.registry();
    for (source, case) in [(0, "missing source"), (99, "unknown source")] {
        let mut f = finding("yuelai", "悦来镇宏达米业");
        f.source = source;
        let status = registry
            .report_finding(authorized(report("r1".into(), f), &app.office()))
            .await
            .expect_err(case);
        assert_invalid_field(&status, "finding.source", case);
        let description = violation_description(&status, "finding.source").unwrap_or_default();
        assert!(
            description.contains("FINDING_SOURCE_TOWNSHIP_SURVEY (1)")
                && description.contains("FINDING_SOURCE_BUREAU_INSPECTION (5)")
                && !description.contains("UNSPECIFIED"),
            "{case}: the allowed sources are listed: {description}"
        );
    }
    assert!(app.all_enterprises().await.is_empty(), "nothing stored");
    assert_eq!(app.settled_head(0).await, 0, "no change recorded");
}

/// The names of the enterprises `token` lists with `reported_by`, or the refusal.
async fn reported_by(
    app: &TestApp,
    token: &str,
    reporter: &str,
) -> Result<Vec<String>, tonic::Status> {
    let mut names: Vec<String> = app
        .registry()
        .list_enterprises(authorized(
            pb::ListEnterprisesRequest {
                reported_by: reporter.into(),
                ..Default::default()
            },
            token,
        ))
        .await?
        .into_inner()
        .enterprises
        .into_iter()
        .map(|e| e.display_name)
        .collect();
    names.sort();
    Ok(names)
}

async fn a_party_lists_the_enterprises_it_reported(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let yuelai = app.township("yuelai");
    let water = app.bureau("water");
    let office = app.office();
    app.report(&yuelai, "y1", finding("yuelai", "悦来镇宏达米业"))
        .await;
    app.report(&yuelai, "y2", finding("yuelai", "悦来镇兴旺砖厂"))
        .await;
    app.report(&water, "w1", finding("yuelai", "悦来镇宏达米业"))
        .await;
    app.report(&water, "w2", finding("donghe", "东河乡老王砖厂"))
        .await;
    app.report(&office, "o1", finding("yuelai", "悦来镇红星石料厂"))
        .await;

    let cases = [
        (
            &yuelai,
            "yuelai",
            vec!["悦来镇兴旺砖厂", "悦来镇宏达米业"],
            "a township's own reports",
        ),
        (
            &water,
            "water",
            vec!["东河乡老王砖厂", "悦来镇宏达米业"],
            "a bureau's own reports, merged or not",
        ),
        (
            &office,
            "water",
            vec!["东河乡老王砖厂", "悦来镇宏达米业"],
            "the office sees a bureau's",
        ),
        (
            &office,
            "yuelai",
            vec!["悦来镇兴旺砖厂", "悦来镇宏达米业"],
            "the office sees a township's",
        ),
        (&office, "eco", vec![], "a party that reported nothing"),
        (
            &office,
            "",
            vec![
                "东河乡老王砖厂",
                "悦来镇兴旺砖厂",
                "悦来镇宏达米业",
                "悦来镇红星石料厂",
            ],
            "no filter",
        ),
    ];
    for (token, reporter, expected, case) in cases {
        let names = reported_by(&app, token, reporter)
            .await
            .unwrap_or_else(|status| panic!("{case}: {status:?}"));
        assert_eq!(names, expected, "{case}");
    }

    let township_of_water = reported_by(&app, &app.township("donghe"), "water").await;
    let status = township_of_water.expect_err("a township asking for a bureau's reports");
    assert_error_shape(
        &status,
        Code::PermissionDenied,
        "PERMISSION_DENIED",
        "a township asking for another party's reports",
    );
}

on_both_backends!(
    errors_of_every_kind_have_the_documented_shape,
    authorization_mistakes_are_explained,
    request_ids_are_at_most_128_printable_ascii_characters,
    a_request_id_reused_for_another_request_is_refused_and_changes_nothing,
    a_township_naming_no_jurisdiction_reports_in_its_own,
    filters_naming_unknown_values_are_invalid_arguments_not_empty_lists,
    a_missing_or_unknown_source_says_which_are_allowed,
    a_party_lists_the_enterprises_it_reported,
);
