//! Every bad input of every `LandService` method: INVALID_ARGUMENT naming the field, and
//! nothing stored (feed head, item etags and land records unchanged).

mod common;

use common::*;
use rectify_proto::land::v1 as pb;
use rectify_testkit::conventions::assert_invalid_field;
use rectify_testkit::{Backend, authorized, on_both_backends};
use tonic::Status;

/// The refusal of the bad request `case`, expected on `field`.
async fn refused(
    scene: &Scene,
    case: &str,
    field: &str,
    call: impl Future<Output = Result<(), Status>>,
) {
    let before = scene.stored().await;
    let status = call.await.expect_err(case);
    assert_invalid_field(&status, field, case);
    assert_eq!(scene.stored().await, before, "{case}: nothing stored");
}

async fn bad_plots_are_refused_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let item = scene.item("relocation_plot");
    type Edit = fn(&mut pb::RecordRelocationPlotRequest);
    let cases: [(&str, &str, Edit); 9] = [
        ("a plot area of zero", "area_m2", |r| r.area_m2 = "0".into()),
        ("a negative area", "area_m2", |r| r.area_m2 = "-12".into()),
        ("a non-numeric area", "area_m2", |r| {
            r.area_m2 = "三千".into()
        }),
        ("no area", "area_m2", |r| r.area_m2 = String::new()),
        ("allocated tomorrow", "allocated_at", |r| {
            r.allocated_at = when(TOMORROW)
        }),
        ("no allocation time", "allocated_at", |r| {
            r.allocated_at = None
        }),
        ("an empty park name", "park_name", |r| {
            r.park_name = "  ".into()
        }),
        ("an empty plot number", "plot_number", |r| {
            r.plot_number = String::new()
        }),
        ("no evidence", "evidence", |r| r.evidence = None),
    ];
    for (i, (case, field, edit)) in cases.into_iter().enumerate() {
        let mut request = plot(&format!("bad-{i}"), &item);
        edit(&mut request);
        let mut client = scene.client();
        let token = scene.bureau("miit");
        refused(&scene, case, field, async move {
            client
                .record_relocation_plot(authorized(request, &token))
                .await
                .map(|_| ())
        })
        .await;
    }
    let mut client = scene.client();
    let request = plot("bad-name", "items/1");
    let token = scene.bureau("miit");
    refused(&scene, "a malformed item name", "work_item", async move {
        client
            .record_relocation_plot(authorized(request, &token))
            .await
            .map(|_| ())
    })
    .await;
}

async fn bad_demolitions_are_refused_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let item = scene.item("demolition");
    type Edit = fn(&mut pb::RecordDemolitionRequest);
    let cases: [(&str, &str, Edit); 5] = [
        ("a floor area of zero", "floor_area_m2", |r| {
            r.floor_area_m2 = "0.000".into()
        }),
        ("a negative floor area", "floor_area_m2", |r| {
            r.floor_area_m2 = "-1".into()
        }),
        ("a non-numeric floor area", "floor_area_m2", |r| {
            r.floor_area_m2 = "abc".into()
        }),
        ("demolished tomorrow", "demolished_at", |r| {
            r.demolished_at = when(TOMORROW)
        }),
        ("no evidence", "evidence", |r| r.evidence = None),
    ];
    for (i, (case, field, edit)) in cases.into_iter().enumerate() {
        let mut request = demolition(&format!("bad-{i}"), &item);
        edit(&mut request);
        let mut client = scene.client();
        let token = scene.bureau("housing");
        refused(&scene, case, field, async move {
            client
                .record_demolition(authorized(request, &token))
                .await
                .map(|_| ())
        })
        .await;
    }
}

async fn bad_remediations_are_refused_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    let item = scene.item("site_remediation");
    type Edit = fn(&mut pb::RecordSiteRemediationRequest);
    let cases: [(&str, &str, Edit); 4] = [
        (
            "a missing assessment reference",
            "assessment_reference",
            |r| r.assessment_reference = String::new(),
        ),
        (
            "an overlong assessment reference",
            "assessment_reference",
            |r| r.assessment_reference = "号".repeat(101),
        ),
        ("completed tomorrow", "completed_at", |r| {
            r.completed_at = when(TOMORROW)
        }),
        ("no evidence", "evidence", |r| r.evidence = None),
    ];
    for (i, (case, field, edit)) in cases.into_iter().enumerate() {
        let mut request = remediation(&format!("bad-{i}"), &item);
        edit(&mut request);
        let mut client = scene.client();
        let token = scene.bureau("eco");
        refused(&scene, case, field, async move {
            client
                .record_site_remediation(authorized(request, &token))
                .await
                .map(|_| ())
        })
        .await;
    }
}

async fn bad_findings_and_reads_are_refused_and_store_nothing(backend: Backend) {
    let Some(scene) = Scene::spawn(backend).await else {
        return;
    };
    type Edit = fn(&mut pb::RecordPlanningFindingRequest);
    let cases: [(&str, &str, Edit); 5] = [
        ("a malformed enterprise", "enterprise", |r| {
            r.enterprise = "firms/1".into()
        }),
        ("no finding", "finding", |r| r.finding = None),
        ("no land-use conformity", "finding.land_use_plan", |r| {
            if let Some(f) = r.finding.as_mut() {
                f.land_use_plan = 0;
            }
        }),
        (
            "no urban-rural conformity",
            "finding.urban_rural_plan",
            |r| {
                if let Some(f) = r.finding.as_mut() {
                    f.urban_rural_plan = 7;
                }
            },
        ),
        ("no reference", "finding.reference", |r| {
            if let Some(f) = r.finding.as_mut() {
                f.reference = " ".into();
            }
        }),
    ];
    for (i, (case, field, edit)) in cases.into_iter().enumerate() {
        let mut request = finding(&format!("bad-{i}"), &scene.enterprise);
        edit(&mut request);
        let mut client = scene.client();
        let token = scene.bureau("land");
        refused(&scene, case, field, async move {
            client
                .record_planning_finding(authorized(request, &token))
                .await
                .map(|_| ())
        })
        .await;
    }
    let mut client = scene.client();
    let office = scene.office();
    refused(&scene, "a malformed record name", "name", async move {
        let request = pb::GetLandRecordRequest {
            name: "enterprises/x/plan".into(),
        };
        client
            .get_land_record(authorized(request, &office))
            .await
            .map(|_| ())
    })
    .await;
    let mut client = scene.client();
    let office = scene.office();
    refused(&scene, "a garbage page token", "page_token", async move {
        let request = pb::ListLandRecordsRequest {
            page_token: "garbage".into(),
            ..Default::default()
        };
        client
            .list_land_records(authorized(request, &office))
            .await
            .map(|_| ())
    })
    .await;
}

on_both_backends!(
    bad_plots_are_refused_and_store_nothing,
    bad_demolitions_are_refused_and_store_nothing,
    bad_remediations_are_refused_and_store_nothing,
    bad_findings_and_reads_are_refused_and_store_nothing,
);
