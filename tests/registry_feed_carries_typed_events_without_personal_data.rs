//! What a bureau service sees when it follows the registry: one enterprise taken from report to
//! published plan, read back from the feed with a service token, as typed events in order, with
//! no personal data and with the measures the follower needs to create its work items.

use prost::Name;
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::RegistryHarness;
use rectify_testkit::{Backend, TestService, event, on_both_backends};

type TestApp = TestService<Registry>;

/// The changes the office's work below records, one each.
const CHANGES: i64 = 5;

async fn a_follower_reads_each_step_as_its_typed_event_without_personal_data(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let name = app.publish_close_plan("yuelai", "悦来镇宏达米业").await;
    assert_eq!(
        app.settled_head(CHANGES).await,
        CHANGES,
        "one change per step"
    );

    let changes = app.whole_feed(&app.service("utilities")).await;
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
