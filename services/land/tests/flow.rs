//! The land service end to end, the registry and land as separate servers: a published relocate
//! plan gives land its relocation_plot, demolition and site_remediation items; each executor
//! records its own, once each on the feed; nobody else may; the land bureau's planning findings;
//! the land record read by territory and listed with filters.

mod common;

use common::*;
use prost::Name;
use rectify_proto::land::v1 as pb;
use rectify_proto::workitems::v1 as wpb;
use rectify_testkit::conventions::{assert_error_shape, refused};
use rectify_testkit::workitems::{WorkItemHarness as _, done};
use rectify_testkit::{Backend, authorized, event, of_type, on_both_backends};
use tonic::Code;

async fn each_executor_records_its_item_and_the_feed_carries_each_event_once(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let kinds: Vec<&str> = scene.items.iter().map(|i| i.kind.as_str()).collect();
    for kind in ["relocation_plot", "demolition", "site_remediation"] {
        assert!(
            kinds.contains(&kind),
            "the relocate plan gives land {kind}: {kinds:?}"
        );
    }
    let mut client = scene.client();
    let plotted = client
        .record_relocation_plot(authorized(
            plot("p1", &scene.item("relocation_plot")),
            &scene.bureau("miit"),
        ))
        .await
        .expect("miit records the plot")
        .into_inner();
    done(plotted.work_item, "the plot item");
    let land = plotted.land_record.expect("the land record");
    let recorded = land.relocation_plot.expect("the plot");
    assert_eq!(
        (
            recorded.park_name.as_str(),
            recorded.plot_number.as_str(),
            recorded.area_m2.as_str()
        ),
        ("桦川县工业园区", "A-07", "3200.5"),
        "the plot as recorded"
    );
    assert_eq!(land.jurisdiction, "yuelai");

    client
        .record_demolition(authorized(
            demolition("d1", &scene.item("demolition")),
            &scene.bureau("housing"),
        ))
        .await
        .expect("housing records the demolition");
    let remediated = client
        .record_site_remediation(authorized(
            remediation("r1", &scene.item("site_remediation")),
            &scene.bureau("eco"),
        ))
        .await
        .expect("eco records the remediation")
        .into_inner();

    // A retry returns the first answer and records nothing more.
    let head = scene.service.settled_head(0).await;
    let again = client
        .record_site_remediation(authorized(
            remediation("r1", &scene.item("site_remediation")),
            &scene.bureau("eco"),
        ))
        .await
        .expect("a retry is answered")
        .into_inner();
    assert_eq!(again, remediated, "a retry gets the first answer");
    scene
        .service
        .assert_nothing_after(head, "a retry records nothing")
        .await;

    let record = scene.land_record().await;
    assert!(record.relocation_plot.is_some(), "plot on the record");
    assert_eq!(
        record
            .demolition
            .expect("demolition on the record")
            .floor_area_m2,
        "860"
    );
    assert_eq!(
        record
            .site_remediation
            .expect("remediation on the record")
            .assessment_reference,
        "场调〔2021〕09号"
    );
    for item in &scene.items {
        let now = scene.service.work_item(&item.name).await;
        assert_eq!(now.state, wpb::State::Done as i32, "{} is DONE", item.kind);
    }

    scene.service.settled_head(head).await;
    let feed = scene.service.whole_feed(&scene.office()).await;
    let count = |url: String| {
        feed.iter()
            .filter(|c| c.event.as_ref().is_some_and(|e| e.type_url == url))
            .count()
    };
    assert_eq!(
        count(pb::RelocationPlotRecorded::type_url()),
        1,
        "plot event once"
    );
    assert_eq!(
        count(pb::DemolitionRecorded::type_url()),
        1,
        "demolition event once"
    );
    assert_eq!(
        count(pb::SiteRemediationRecorded::type_url()),
        1,
        "remediation event once"
    );
    assert_eq!(
        count(wpb::WorkItemCompleted::type_url()),
        3,
        "three completions"
    );
    let plot_event: pb::RelocationPlotRecorded =
        event(of_type::<pb::RelocationPlotRecorded>(&feed)[0]);
    assert_eq!(
        plot_event.enterprise, scene.enterprise,
        "the event names the enterprise"
    );
    assert_eq!(plot_event.plot.expect("plot").area_m2, "3200.5");
}

async fn only_the_executor_may_record_an_item(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let before = scene.stored().await;
    let cases = [
        (
            "housing",
            "relocation_plot",
            "another bureau records the plot",
        ),
        (
            "land",
            "relocation_plot",
            "a cooperating party records the plot",
        ),
        ("miit", "demolition", "miit records the demolition"),
        (
            "land",
            "site_remediation",
            "a cooperating party records the remediation",
        ),
    ];
    for (party, kind, case) in cases {
        let mut client = scene.client();
        let token = scene.bureau(party);
        let item = scene.item(kind);
        let status = match kind {
            "relocation_plot" => client
                .record_relocation_plot(authorized(plot(party, &item), &token))
                .await
                .expect_err(case),
            "demolition" => client
                .record_demolition(authorized(demolition(party, &item), &token))
                .await
                .expect_err(case),
            _ => client
                .record_site_remediation(authorized(remediation(party, &item), &token))
                .await
                .expect_err(case),
        };
        assert_error_shape(&status, Code::PermissionDenied, "NOT_EXECUTOR", case);
    }
    assert_eq!(scene.stored().await, before, "refusals change nothing");
}

async fn a_record_on_an_item_of_another_kind_is_refused(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let on_demolition = plot("wrong", &scene.item("demolition"));
    let reply = scene
        .client()
        .record_relocation_plot(authorized(on_demolition, &scene.bureau("housing")))
        .await;
    refused(
        reply,
        Code::InvalidArgument,
        "a plot on the demolition item",
    );
}

async fn the_land_bureau_records_planning_findings(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let record_finding = |request_id: &str, enterprise: &str, bureau: &str| {
        let request = authorized(finding(request_id, enterprise), &scene.bureau(bureau));
        let mut client = scene.client();
        async move { client.record_planning_finding(request).await }
    };
    let by_eco = record_finding("f0", &scene.enterprise, "eco")
        .await
        .expect_err("eco may not record a planning finding");
    assert_error_shape(&by_eco, Code::PermissionDenied, "PERMISSION_DENIED", "eco");
    let unknown = "enterprises/0190f0a0-5b3c-7000-8000-00000000002a";
    refused(
        record_finding("f9", unknown, "land").await,
        Code::NotFound,
        "an enterprise land holds no items for",
    );

    let head = scene.service.feed_head().await;
    let record = record_finding("f1", &scene.enterprise, "land")
        .await
        .expect("land records a finding")
        .into_inner();
    assert_eq!(record.planning_findings.len(), 1, "one finding");
    assert_eq!(
        record.planning_findings[0].recorded_by.split('/').next(),
        Some("land")
    );
    scene.service.settled_head(head + 1).await;
    let feed = scene.service.whole_feed(&scene.office()).await;
    let findings = of_type::<pb::PlanningFindingRecorded>(&feed);
    assert_eq!(findings.len(), 1, "the finding is on the feed once");

    // Listed with its filters; a jurisdiction sees its own territory only.
    let list = |request: pb::ListLandRecordsRequest, token: String| {
        let mut client = scene.client();
        async move {
            client
                .list_land_records(authorized(request, &token))
                .await
                .map(|r| r.into_inner().land_records.len())
        }
    };
    let nonconforming = pb::ListLandRecordsRequest {
        nonconforming_only: true,
        ..Default::default()
    };
    assert_eq!(
        list(nonconforming, scene.office()).await.expect("list"),
        1,
        "nonconforming"
    );
    let elsewhere = pb::ListLandRecordsRequest {
        jurisdiction: "donghe".into(),
        ..Default::default()
    };
    assert_eq!(
        list(elsewhere, scene.office()).await.expect("list"),
        0,
        "another township"
    );
    assert_eq!(
        list(Default::default(), scene.township("donghe"))
            .await
            .expect("list"),
        0,
        "a township lists its own territory"
    );
    let bad = pb::ListLandRecordsRequest {
        jurisdiction: "nowhere".into(),
        ..Default::default()
    };
    assert_eq!(
        list(bad, scene.office())
            .await
            .expect_err("unknown jurisdiction")
            .code(),
        Code::InvalidArgument
    );
    let denied = scene
        .client()
        .get_land_record(authorized(
            pb::GetLandRecordRequest {
                name: format!("{}/landRecord", scene.enterprise),
            },
            &scene.township("donghe"),
        ))
        .await
        .expect_err("another township's record");
    assert_eq!(denied.code(), Code::PermissionDenied, "{denied:?}");
}

on_both_backends!(
    each_executor_records_its_item_and_the_feed_carries_each_event_once,
    only_the_executor_may_record_an_item,
    a_record_on_an_item_of_another_kind_is_refused,
    the_land_bureau_records_planning_findings,
);
