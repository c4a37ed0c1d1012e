//! Who reads what on the coordinator, each rule with another party refused, and the reads
//! themselves over a registry's findings: a jurisdiction sees only its own territory, a bureau
//! only its own figures, services nothing; filters, page tokens, supervision (late reports,
//! discrepancies, completion rank) and milestones.

mod common;

use common::Scene;
use futures::future::BoxFuture;
use rectify_kit::auth::PartyKind;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::registry::v1 as reg;
use rectify_testkit::conventions::assert_error_shape;
use rectify_testkit::pages::every_page;
use rectify_testkit::registry::{RegistryHarness as _, finding};
use rectify_testkit::{Backend, authorized, on_both_backends};
use tonic::Code;

type Call = BoxFuture<'static, Result<(), tonic::Status>>;

/// A published close plan in yuelai, a petition about a donghe workshop donghe never reported,
/// and donghe's own report of another: three enterprises. Returns (yuelai's, donghe's petition).
async fn county(scene: &Scene) -> (String, String) {
    let yuelai = scene
        .registry
        .publish_close_plan("yuelai", "悦来镇宏达米业")
        .await;
    let mut petition = finding("donghe", "东河乡老王砖厂");
    petition.source = reg::FindingSource::Petition as i32;
    let petitioned = scene
        .registry
        .report(&scene.registry.bureau("eco"), "p1", petition)
        .await
        .enterprise
        .expect("enterprise")
        .name;
    scene
        .registry
        .report(
            &scene.registry.township("donghe"),
            "d1",
            finding("donghe", "东河乡红星面粉厂"),
        )
        .await;
    scene.caught_up().await;
    (yuelai, petitioned)
}

async fn every_party_reads_only_what_it_may(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let (_, donghe) = county(&scene).await;
    let yuelai = scene.token("yuelai", PartyKind::Jurisdiction);
    let eco = scene.token("eco", PartyKind::Bureau);
    let service = scene.token("environment", PartyKind::Service);
    let supervision = scene.token("gov", PartyKind::Supervision);
    let c = || scene.client();
    let refused: Vec<(&str, &str, Call)> = vec![
        ("a service reads no summary", "PERMISSION_DENIED", {
            let (mut c, r) = (c(), authorized(pb::GetSummaryRequest {}, &service));
            Box::pin(async move { c.get_summary(r).await.map(drop) })
        }),
        (
            "a bureau reads no enterprise's progress",
            "PERMISSION_DENIED",
            {
                let r = authorized(pb::ListEnterpriseProgressRequest::default(), &eco);
                let mut c = c();
                Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
            },
        ),
        ("a bureau reads no supervision", "PERMISSION_DENIED", {
            let (mut c, r) = (c(), authorized(pb::GetSupervisionRequest {}, &eco));
            Box::pin(async move { c.get_supervision(r).await.map(drop) })
        }),
        (
            "a bureau reads no jurisdiction's summary",
            "PERMISSION_DENIED",
            {
                let dimension = pb::Dimension::Jurisdiction as i32;
                let (mut c, r) = (
                    c(),
                    authorized(pb::ListSummariesRequest { dimension }, &eco),
                );
                Box::pin(async move { c.list_summaries(r).await.map(drop) })
            },
        ),
        (
            "a bureau reads no other bureau's items",
            "PERMISSION_DENIED",
            {
                let request = pb::ListOverdueItemsRequest {
                    executor: "water".into(),
                    ..Default::default()
                };
                let (mut c, r) = (c(), authorized(request, &eco));
                Box::pin(async move { c.list_overdue_items(r).await.map(drop) })
            },
        ),
        ("a township lists no other township", "PERMISSION_DENIED", {
            let request = pb::ListEnterpriseProgressRequest {
                jurisdiction: "donghe".into(),
                ..Default::default()
            };
            let (mut c, r) = (c(), authorized(request, &yuelai));
            Box::pin(async move { c.list_enterprise_progress(r).await.map(drop) })
        }),
        (
            "a township reads no other township's enterprise",
            "PERMISSION_DENIED",
            {
                let request = pb::GetEnterpriseProgressRequest {
                    name: donghe.clone(),
                };
                let (mut c, r) = (c(), authorized(request, &yuelai));
                Box::pin(async move { c.get_enterprise_progress(r).await.map(drop) })
            },
        ),
        (
            "a township reads no other township's timeline",
            "PERMISSION_DENIED",
            {
                let request = pb::GetEnterpriseTimelineRequest {
                    name: donghe.clone(),
                    ..Default::default()
                };
                let (mut c, r) = (c(), authorized(request, &yuelai));
                Box::pin(async move { c.get_enterprise_timeline(r).await.map(drop) })
            },
        ),
        (
            "a township reads no category summary",
            "PERMISSION_DENIED",
            {
                let dimension = pb::Dimension::Category as i32;
                let (mut c, r) = (
                    c(),
                    authorized(pb::ListSummariesRequest { dimension }, &yuelai),
                );
                Box::pin(async move { c.list_summaries(r).await.map(drop) })
            },
        ),
        (
            "a township lists no other township's overdue items",
            "PERMISSION_DENIED",
            {
                let request = pb::ListOverdueItemsRequest {
                    jurisdiction: "donghe".into(),
                    ..Default::default()
                };
                let (mut c, r) = (c(), authorized(request, &yuelai));
                Box::pin(async move { c.list_overdue_items(r).await.map(drop) })
            },
        ),
        (
            "a township lists no other township's rebounds",
            "PERMISSION_DENIED",
            {
                let request = pb::ListReboundsRequest {
                    jurisdiction: "donghe".into(),
                    ..Default::default()
                };
                let (mut c, r) = (c(), authorized(request, &yuelai));
                Box::pin(async move { c.list_rebounds(r).await.map(drop) })
            },
        ),
        ("a township reads no audit anchor", "PERMISSION_DENIED", {
            let request = pb::GetAuditAnchorsRequest::default();
            let (mut c, r) = (c(), authorized(request, &yuelai));
            Box::pin(async move { c.get_audit_anchors(r).await.map(drop) })
        }),
        ("supervision does not sign off", "OFFICE_ONLY", {
            let request = pb::SignOffEnterpriseRequest {
                request_id: "s".into(),
                name: donghe.clone(),
                note: String::new(),
            };
            let (mut c, r) = (c(), authorized(request, &supervision));
            Box::pin(async move { c.sign_off_enterprise(r).await.map(drop) })
        }),
        ("a township does not sign off", "OFFICE_ONLY", {
            let request = pb::SignOffEnterpriseRequest {
                request_id: "s".into(),
                name: donghe.clone(),
                note: String::new(),
            };
            let (mut c, r) = (c(), authorized(request, &yuelai));
            Box::pin(async move { c.sign_off_enterprise(r).await.map(drop) })
        }),
    ];
    for (case, reason, call) in refused {
        let status = call.await.expect_err(case);
        assert_error_shape(&status, Code::PermissionDenied, reason, case);
    }

    // What each may read, it reads within its own scope.
    let own = common_list(
        &scene,
        &yuelai,
        pb::ListEnterpriseProgressRequest::default(),
    )
    .await;
    assert_eq!(own.len(), 1, "yuelai sees its one enterprise");
    assert!(own.iter().all(|e| e.jurisdiction == "yuelai"));
    let summary = scene
        .client()
        .get_summary(authorized(pb::GetSummaryRequest {}, &yuelai))
        .await
        .expect("its own summary")
        .into_inner();
    assert_eq!(
        (
            summary.dimension(),
            summary.key.as_str(),
            summary.enterprises
        ),
        (pb::Dimension::Jurisdiction, "yuelai", 1)
    );
    let bureau = scene
        .client()
        .get_summary(authorized(pb::GetSummaryRequest {}, &eco))
        .await
        .expect("a bureau's own summary")
        .into_inner();
    assert_eq!(
        (bureau.dimension(), bureau.key.as_str()),
        (pb::Dimension::Bureau, "eco")
    );
    let supervised = scene
        .client()
        .get_supervision(authorized(pb::GetSupervisionRequest {}, &supervision))
        .await
        .expect("supervision reads everything")
        .into_inner();
    assert!(
        supervised.jurisdictions.len() > 10,
        "every jurisdiction listed"
    );
    let milestones = scene
        .client()
        .get_milestones(authorized(pb::GetMilestonesRequest {}, &yuelai))
        .await
        .expect("milestones")
        .into_inner();
    assert_eq!(milestones.milestones.len(), 4);
}

async fn common_list(
    scene: &Scene,
    token: &str,
    request: pb::ListEnterpriseProgressRequest,
) -> Vec<pb::EnterpriseProgress> {
    every_page(|page_token| async {
        let page = scene
            .client()
            .list_enterprise_progress(authorized(
                pb::ListEnterpriseProgressRequest {
                    page_token,
                    ..request.clone()
                },
                token,
            ))
            .await
            .expect("list")
            .into_inner();
        (page.enterprises, page.next_page_token)
    })
    .await
}

async fn supervision_flags_late_and_discrepant_reports_and_ranks_completion(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let (yuelai, donghe) = county(&scene).await;
    let office = scene.office();
    let all = common_list(
        &scene,
        &office,
        pb::ListEnterpriseProgressRequest {
            page_size: 1,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(all.len(), 3, "three enterprises, one page each");
    let discrepant = common_list(
        &scene,
        &office,
        pb::ListEnterpriseProgressRequest {
            flag: pb::Flag::Discrepancy as i32,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        discrepant
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>(),
        [donghe.as_str()],
        "found by a petition, missing from donghe's own report"
    );
    let published = common_list(
        &scene,
        &office,
        pb::ListEnterpriseProgressRequest {
            state: reg::LifecycleState::Published as i32,
            query: "宏达".into(),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].name, yuelai);
    assert_eq!(published[0].measures, 10, "the close plan's measures");
    let incomplete = common_list(
        &scene,
        &office,
        pb::ListEnterpriseProgressRequest {
            completion: pb::Completion::Incomplete as i32,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(incomplete.len(), 3, "nothing is complete");

    let s = scene
        .client()
        .get_supervision(authorized(pb::GetSupervisionRequest {}, &office))
        .await
        .expect("supervision")
        .into_inner();
    let row = |code: &str| {
        s.jurisdictions
            .iter()
            .find(|j| j.jurisdiction == code)
            .cloned()
            .unwrap_or_else(|| panic!("{code} listed"))
    };
    // The registry's clock reads today, long after the survey milestone of 2021-07-15.
    assert_eq!(
        (row("donghe").enterprises, row("donghe").reported_late),
        (2, 2)
    );
    assert_eq!(row("donghe").discrepancies, 1);
    assert_eq!(row("yuelai").discrepancies, 0, "yuelai reported its own");
    assert!(
        s.jurisdictions.iter().all(|j| j.completion_rank == 1),
        "nothing complete anywhere: one shared rank"
    );
    let summary = scene
        .client()
        .get_summary(authorized(pb::GetSummaryRequest {}, &office))
        .await
        .expect("summary")
        .into_inner();
    assert_eq!(
        (summary.enterprises, summary.discrepancies, summary.measures),
        (3, 1, 10)
    );
    let published_count = summary
        .states
        .iter()
        .find(|c| c.state() == reg::LifecycleState::Published)
        .map(|c| c.count);
    assert_eq!(published_count, Some(1));
    let timeline = scene
        .client()
        .get_enterprise_timeline(authorized(
            pb::GetEnterpriseTimelineRequest {
                name: yuelai.clone(),
                page_size: 2,
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect("timeline")
        .into_inner();
    assert_eq!(timeline.entries.len(), 2, "a page of two");
    assert_eq!(
        timeline.entries[0].event_type,
        "rectify.registry.v1.FindingReported"
    );
    let rest = scene
        .client()
        .get_enterprise_timeline(authorized(
            pb::GetEnterpriseTimelineRequest {
                name: yuelai,
                page_size: 100,
                page_token: timeline.next_page_token,
            },
            &office,
        ))
        .await
        .expect("timeline")
        .into_inner();
    assert_eq!(
        rest.entries.len(),
        3,
        "report, confirm, classify, update, publish: five in all"
    );
}

async fn watch_progress_sends_the_summary_again_when_a_change_moves_it(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    county(&scene).await;
    let mut stream = scene
        .client()
        .watch_progress(authorized(
            pb::WatchProgressRequest {},
            &scene.token("donghe", PartyKind::Jurisdiction),
        ))
        .await
        .expect("watch")
        .into_inner();
    let first = stream.message().await.expect("a summary").expect("open");
    assert_eq!(
        (first.key.as_str(), first.enterprises),
        ("donghe", 2),
        "its own, now"
    );
    scene
        .registry
        .report(
            &scene.registry.township("donghe"),
            "d2",
            finding("donghe", "东河乡新建砖厂"),
        )
        .await;
    let next = tokio::time::timeout(std::time::Duration::from_secs(20), stream.message())
        .await
        .expect("sent on the change")
        .expect("a summary")
        .expect("open");
    assert_eq!(next.enterprises, 3, "the new report counted");
}

on_both_backends!(
    watch_progress_sends_the_summary_again_when_a_change_moves_it,
    every_party_reads_only_what_it_may,
    supervision_flags_late_and_discrepant_reports_and_ranks_completion,
);
