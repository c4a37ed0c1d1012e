//! The campaign end to end on one enterprise: reports from several sources
//! merged, confirmed, classified by the rules, planned, published to the
//! public list, signed off, reopened on a rebound.

use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, VALID_CREDIT_CODE, finding};
use rectify_testkit::{Backend, authorized};
use rectify_testkit::{TestService, on_both_backends};
use tonic::Code;

type TestApp = TestService<Registry>;

async fn an_enterprise_goes_from_report_to_sign_off_and_back(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    let mut registry = app.registry();

    // Township survey without a credit code, then a petition with it, then the
    // pollution-source ledger with the same code: one enterprise, three findings.
    let mut survey = finding("yuelai", "悦来镇宏达米业");
    survey.criteria = Some(pb::Criteria {
        conforms_national_policy: Some(false),
        ..Default::default()
    });
    let first = app.report(&app.township("yuelai"), "r1", survey).await;
    assert!(!first.merged);
    let mut petition = finding("yuelai", "悦来镇（宏达）米业");
    petition.source = pb::FindingSource::Petition as i32;
    petition.credit_code = VALID_CREDIT_CODE.into();
    petition.criteria = None;
    let second = app.report(&app.bureau("eco"), "r2", petition).await;
    assert!(second.merged, "same name and address merges");
    let mut ledger = finding("yuelai", "完全不同的名字");
    ledger.source = pb::FindingSource::PollutionSourceLedger as i32;
    ledger.credit_code = VALID_CREDIT_CODE.into();
    ledger.criteria = Some(pb::Criteria {
        strong_public_complaints: Some(true),
        ..Default::default()
    });
    let third = app.report(&app.bureau("eco"), "r3", ledger).await;
    assert!(third.merged, "same credit code merges");
    let e = third.enterprise.expect("enterprise");
    assert_eq!(e.finding_count, 3);
    assert_eq!(e.credit_code, VALID_CREDIT_CODE);
    let findings = registry
        .list_findings(authorized(
            pb::ListFindingsRequest {
                parent: e.name.clone(),
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect("findings")
        .into_inner()
        .findings;
    let reporters: Vec<_> = findings.iter().map(|f| f.reporter.as_str()).collect();
    assert_eq!(
        reporters,
        ["yuelai", "eco", "eco"],
        "every finding keeps its reporter, in order"
    );

    let confirmed = registry
        .confirm_enterprise(authorized(
            pb::ConfirmEnterpriseRequest {
                request_id: "c".into(),
                name: e.name.clone(),
                etag: e.etag.clone(),
            },
            &office,
        ))
        .await
        .expect("confirm")
        .into_inner();
    let suggestion = registry
        .suggest_classification(authorized(
            pb::SuggestClassificationRequest {
                name: e.name.clone(),
            },
            &office,
        ))
        .await
        .expect("suggest")
        .into_inner();
    assert_eq!(
        suggestion.category(),
        pb::Category::Close,
        "not conforming to national policy → close"
    );
    assert!(
        suggestion
            .clauses
            .iter()
            .any(|c| c.code == "close.national_policy"),
        "{:?}",
        suggestion.clauses
    );

    let classified = registry
        .classify_enterprise(authorized(
            pb::ClassifyEnterpriseRequest {
                request_id: "k".into(),
                name: e.name.clone(),
                etag: confirmed.etag.clone(),
                category: pb::Category::Close as i32,
                reason: String::new(),
            },
            &office,
        ))
        .await
        .expect("classify")
        .into_inner();
    assert_eq!(classified.state(), pb::LifecycleState::Classified);
    let plan_name = format!("{}/plan", e.name);
    let plan = app.plan(&e.name).await;
    let owners: Vec<_> = plan.measures.iter().map(|m| m.owner.as_str()).collect();
    for owner in ["water", "power", "yuelai", "market"] {
        assert!(
            owners.contains(&owner),
            "两断三清 pre-filled: {owner} missing from {owners:?}"
        );
    }
    assert!(plan.measures.iter().all(|m| m.deadline == "2021-12-31"));

    let status = registry
        .publish_plan(authorized(
            pb::PublishPlanRequest {
                request_id: "p0".into(),
                name: plan_name.clone(),
                etag: plan.etag.clone(),
            },
            &office,
        ))
        .await
        .expect_err("no responsible person yet");
    assert_eq!(status.code(), Code::FailedPrecondition, "{status:?}");

    let mut edited = plan.clone();
    edited.responsible_person = "李明".into();
    edited.responsible_phone = "13904541111".into();
    edited.measures[0].deadline = "2021-09-30".into();
    let updated = registry
        .update_plan(authorized(
            pb::UpdatePlanRequest {
                request_id: "u".into(),
                plan: Some(edited),
                update_mask: Some(prost_types::FieldMask {
                    paths: vec![
                        "responsible_person".into(),
                        "responsible_phone".into(),
                        "measures".into(),
                    ],
                }),
            },
            &office,
        ))
        .await
        .expect("update plan")
        .into_inner();
    assert_eq!(updated.version, plan.version + 1, "plans are versioned");
    assert_eq!(updated.measures[0].deadline, "2021-09-30");

    let published = registry
        .publish_plan(authorized(
            pb::PublishPlanRequest {
                request_id: "p".into(),
                name: plan_name.clone(),
                etag: updated.etag.clone(),
            },
            &office,
        ))
        .await
        .expect("publish")
        .into_inner();
    assert_eq!(published.state(), pb::PlanState::Published);

    let public = registry
        .list_public_plans(tonic::Request::new(pb::ListPublicPlansRequest::default()))
        .await
        .expect("public list")
        .into_inner();
    assert_eq!(public.plans.len(), 1);
    let entry = &public.plans[0];
    assert_eq!(entry.enterprise_name, "悦来镇宏达米业");
    assert_eq!(entry.category(), pb::Category::Close);
    let shown = format!("{entry:?}");
    for secret in ["13904541111", "13804541234", "230826197001011234", "李明"] {
        assert!(
            !shown.contains(secret),
            "public list leaks {secret}: {shown}"
        );
    }

    let current = registry
        .get_enterprise(authorized(
            pb::GetEnterpriseRequest {
                name: e.name.clone(),
            },
            &office,
        ))
        .await
        .expect("get")
        .into_inner();
    assert_eq!(current.state(), pb::LifecycleState::Published);
    let signed = registry
        .sign_off_enterprise(authorized(
            pb::SignOffEnterpriseRequest {
                request_id: "s".into(),
                name: e.name.clone(),
                etag: current.etag.clone(),
                note: "两断三清已完成".into(),
            },
            // The coordinator signs off, after checking the plan is complete.
            &app.service("coordinator"),
        ))
        .await
        .expect("sign off")
        .into_inner();
    assert_eq!(
        signed.state(),
        pb::LifecycleState::UnderWatch,
        "closed enterprises stay under watch"
    );

    let status = registry
        .reopen_enterprise(authorized(
            pb::ReopenEnterpriseRequest {
                request_id: "o0".into(),
                name: e.name.clone(),
                etag: signed.etag.clone(),
                reason: String::new(),
            },
            &office,
        ))
        .await
        .expect_err("reopen needs a reason");
    assert_eq!(status.code(), Code::InvalidArgument);
    let reopened = registry
        .reopen_enterprise(authorized(
            pb::ReopenEnterpriseRequest {
                request_id: "o".into(),
                name: e.name.clone(),
                etag: signed.etag.clone(),
                reason: "巡查发现夜间偷偷生产".into(),
            },
            &office,
        ))
        .await
        .expect("reopen")
        .into_inner();
    assert_eq!(reopened.state(), pb::LifecycleState::Published);
    assert_eq!(reopened.reopen_reason, "巡查发现夜间偷偷生产");
}

async fn lists_filter_and_page_with_opaque_tokens(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let office = app.office();
    for i in 0..7 {
        app.report(
            &office,
            &format!("a{i}"),
            finding("yuelai", &format!("悦来镇第{i}米业")),
        )
        .await;
    }
    for i in 0..3 {
        app.report(
            &office,
            &format!("b{i}"),
            finding("donghe", &format!("东河乡第{i}砖厂")),
        )
        .await;
    }
    let mut registry = app.registry();
    let mut seen = Vec::new();
    let mut token = String::new();
    loop {
        let page = registry
            .list_enterprises(authorized(
                pb::ListEnterprisesRequest {
                    page_size: 3,
                    page_token: token.clone(),
                    jurisdiction: "yuelai".into(),
                    ..Default::default()
                },
                &office,
            ))
            .await
            .expect("page")
            .into_inner();
        assert!(page.enterprises.len() <= 3);
        seen.extend(page.enterprises.into_iter().map(|e| e.name));
        if page.next_page_token.is_empty() {
            break;
        }
        token = page.next_page_token;
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 7, "every yuelai enterprise exactly once");
    let by_text = registry
        .list_enterprises(authorized(
            pb::ListEnterprisesRequest {
                query: "砖厂".into(),
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect("text search")
        .into_inner();
    assert_eq!(by_text.enterprises.len(), 3);
    let status = registry
        .list_enterprises(authorized(
            pb::ListEnterprisesRequest {
                page_token: "bm90LWEtdG9rZW4".into(),
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect_err("forged page token");
    assert_eq!(status.code(), Code::InvalidArgument);

    // State and category filters: confirm two, classify one of them.
    let all = app.all_enterprises().await;
    for e in &all[..2] {
        registry
            .confirm_enterprise(authorized(
                pb::ConfirmEnterpriseRequest {
                    request_id: format!("c-{}", e.name),
                    name: e.name.clone(),
                    etag: String::new(),
                },
                &office,
            ))
            .await
            .expect("confirm");
    }
    registry
        .classify_enterprise(authorized(
            pb::ClassifyEnterpriseRequest {
                request_id: "k".into(),
                name: all[0].name.clone(),
                category: pb::Category::Upgrade as i32,
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect("classify as suggested");
    let count = |request: pb::ListEnterprisesRequest| {
        let mut registry = registry.clone();
        let office = office.clone();
        async move {
            registry
                .list_enterprises(authorized(request, &office))
                .await
                .expect("filtered list")
                .into_inner()
                .enterprises
                .len()
        }
    };
    let state = |s: pb::LifecycleState| pb::ListEnterprisesRequest {
        state: s as i32,
        ..Default::default()
    };
    assert_eq!(
        count(state(pb::LifecycleState::Confirmed)).await,
        1,
        "one still confirmed"
    );
    assert_eq!(
        count(state(pb::LifecycleState::Classified)).await,
        1,
        "one classified"
    );
    assert_eq!(
        count(state(pb::LifecycleState::Reported)).await,
        8,
        "the rest reported"
    );
    let upgrade = pb::ListEnterprisesRequest {
        category: pb::Category::Upgrade as i32,
        ..Default::default()
    };
    assert_eq!(count(upgrade).await, 1, "category filter");
    let mut licensed = finding("donghe", "东河乡有照砖厂");
    licensed.credit_code = VALID_CREDIT_CODE.into();
    app.report(&office, "licensed", licensed).await;
    let credit = pb::ListEnterprisesRequest {
        query: "M000100".into(),
        ..Default::default()
    };
    assert_eq!(count(credit).await, 1, "text matches the credit code");
}

async fn the_campaign_names_the_service_that_holds_each_measure(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let campaign = app
        .registry()
        .get_campaign(authorized(pb::GetCampaignRequest {}, &app.bureau("water")))
        .await
        .expect("campaign")
        .into_inner();
    let service_of = |kind: &str| {
        campaign
            .catalog
            .iter()
            .find(|m| m.kind == kind)
            .map(|m| m.service.clone())
    };
    let cases = [
        ("water_cut", "utilities"),
        ("clear_equipment", "utilities"),
        ("licence_revocation", "licensing"),
        ("approval", "licensing"),
        ("safety_check", "safety"),
        ("demolition", "land"),
        ("rebound_patrol", "environment"),
    ];
    for (kind, service) in cases {
        assert_eq!(service_of(kind).as_deref(), Some(service), "{kind}");
    }
}

on_both_backends!(
    an_enterprise_goes_from_report_to_sign_off_and_back,
    lists_filter_and_page_with_opaque_tokens,
    the_campaign_names_the_service_that_holds_each_measure,
);
