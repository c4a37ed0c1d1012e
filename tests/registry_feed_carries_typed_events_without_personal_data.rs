//! What a bureau service sees when it follows the registry: one enterprise taken from report to
//! published plan, read back from the feed with a service token, as typed events in order, with
//! no personal data and with the measures the follower needs to create its work items.

use std::time::Duration;

use prost::Name;
use rectify_proto::feed::v1::{Change, WatchChangesRequest};
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness, finding};
use rectify_testkit::{Backend, TestService, authorized, on_both_backends};
use tokio_stream::StreamExt as _;

type TestApp = TestService<Registry>;

/// The changes the office's work below records, one each.
const CHANGES: i64 = 5;

/// Every change on the feed, read to its head as `token` (no following).
async fn whole_feed(app: &TestApp, token: &str) -> Vec<Change> {
    let mut stream = app
        .feed()
        .watch_changes(authorized(
            WatchChangesRequest {
                after: 0,
                follow: false,
            },
            token,
        ))
        .await
        .expect("a service token may read the feed")
        .into_inner();
    let mut changes = Vec::new();
    loop {
        match tokio::time::timeout(Duration::from_secs(10), stream.next()).await {
            Ok(Some(Ok(change))) => changes.push(change),
            Ok(Some(Err(status))) => panic!("feed error: {status:?}"),
            Ok(None) => return changes,
            Err(_) => panic!("a feed read without following did not end at its head"),
        }
    }
}

/// The event of `change`, decoded as `M`.
fn event<M: Name + Default>(change: &Change) -> M {
    change
        .event
        .as_ref()
        .unwrap_or_else(|| panic!("change {} carries no event", change.seq))
        .to_msg()
        .unwrap_or_else(|e| panic!("change {} is not a {}: {e}", change.seq, M::full_name()))
}

/// Reports a workshop, then the office confirms it, classifies it `close`, names the
/// responsible person and publishes the plan. Returns the enterprise's name.
async fn take_one_enterprise_to_a_published_close_plan(app: &TestApp) -> String {
    let office = app.office();
    let mut registry = app.registry();
    let mut report = finding("yuelai", "悦来镇宏达米业");
    report.criteria = Some(pb::Criteria {
        conforms_national_policy: Some(false),
        ..Default::default()
    });
    let reported = app.report(&app.township("yuelai"), "r1", report).await;
    let enterprise = reported
        .enterprise
        .expect("the report names its enterprise");

    let confirmed = registry
        .confirm_enterprise(authorized(
            pb::ConfirmEnterpriseRequest {
                request_id: "c1".into(),
                name: enterprise.name.clone(),
                etag: enterprise.etag.clone(),
            },
            &office,
        ))
        .await
        .expect("confirm")
        .into_inner();
    registry
        .classify_enterprise(authorized(
            pb::ClassifyEnterpriseRequest {
                request_id: "k1".into(),
                name: enterprise.name.clone(),
                etag: confirmed.etag,
                category: pb::Category::Close as i32,
                reason: String::new(),
            },
            &office,
        ))
        .await
        .expect("classify close, as suggested");

    let mut plan = app.plan(&enterprise.name).await;
    plan.responsible_person = "李明".into();
    plan.responsible_phone = "13904541111".into();
    let updated = registry
        .update_plan(authorized(
            pb::UpdatePlanRequest {
                request_id: "u1".into(),
                plan: Some(plan),
                update_mask: Some(prost_types::FieldMask {
                    paths: vec!["responsible_person".into(), "responsible_phone".into()],
                }),
            },
            &office,
        ))
        .await
        .expect("update plan")
        .into_inner();
    registry
        .publish_plan(authorized(
            pb::PublishPlanRequest {
                request_id: "p1".into(),
                name: updated.name,
                etag: updated.etag,
            },
            &office,
        ))
        .await
        .expect("publish");
    enterprise.name
}

async fn a_follower_reads_each_step_as_its_typed_event_without_personal_data(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let name = take_one_enterprise_to_a_published_close_plan(&app).await;
    assert_eq!(
        app.settled_head(CHANGES).await,
        CHANGES,
        "one change per step"
    );

    let changes = whole_feed(&app, &app.service("utilities")).await;
    let types: Vec<&str> = changes
        .iter()
        .map(|c| c.event.as_ref().map_or("", |e| e.type_url.as_str()))
        .collect();
    let expected = [
        pb::FindingReported::type_url(),
        pb::EnterpriseConfirmed::type_url(),
        pb::EnterpriseClassified::type_url(),
        pb::PlanUpdated::type_url(),
        pb::PlanPublished::type_url(),
    ];
    assert_eq!(types, expected, "each step once, in order");

    let reported: pb::FindingReported = event(&changes[0]);
    let confirmed: pb::EnterpriseConfirmed = event(&changes[1]);
    let classified: pb::EnterpriseClassified = event(&changes[2]);
    let updated: pb::PlanUpdated = event(&changes[3]);
    let published: pb::PlanPublished = event(&changes[4]);

    let enterprises = [
        ("FindingReported", reported.enterprise),
        ("EnterpriseConfirmed", confirmed.enterprise),
        ("EnterpriseClassified", classified.enterprise),
        ("PlanUpdated", updated.enterprise),
        ("PlanPublished", published.enterprise),
    ];
    for (what, enterprise) in enterprises {
        let enterprise = enterprise.unwrap_or_else(|| panic!("{what} names its enterprise"));
        assert_eq!(enterprise.name, name, "{what}: the same enterprise");
        assert!(
            enterprise.operator.is_none(),
            "{what}: the operator's name, phone and ID number stay off the feed: {:?}",
            enterprise.operator
        );
    }
    let plans = [
        ("EnterpriseClassified", classified.plan),
        ("PlanUpdated", updated.plan),
        ("PlanPublished", published.plan.clone()),
    ];
    for (what, plan) in plans {
        let plan = plan.unwrap_or_else(|| panic!("{what} carries the plan"));
        assert_eq!(
            plan.responsible_phone, "",
            "{what}: the responsible person's phone stays off the feed"
        );
    }

    let plan = published.plan.expect("PlanPublished carries the plan");
    assert_eq!(
        plan.category(),
        pb::Category::Close,
        "the published category"
    );
    assert_eq!(
        plan.state(),
        pb::PlanState::Published,
        "the published state"
    );
    assert_eq!(plan.responsible_person, "李明", "the edit reached the feed");
    let kinds: Vec<&str> = plan.measures.iter().map(|m| m.kind.as_str()).collect();
    for kind in ["water_cut", "power_cut"] {
        assert!(
            kinds.contains(&kind),
            "the close category's {kind} is among the published measures: {kinds:?}"
        );
    }
}

on_both_backends!(a_follower_reads_each_step_as_its_typed_event_without_personal_data);
