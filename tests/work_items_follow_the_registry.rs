//! Utilities learns its work items from the registry's feed alone: a published close plan
//! gives it the 两断三清 items (and not licensing's), a changed plan reschedules, cancels and
//! restores them with their history kept, a reopened enterprise starts round 2, and its own
//! feed shows every change once, typed. Registry and utilities run as separate servers, each on
//! its own database.

mod support;

use std::collections::HashSet;

use prost::Name as _;
use rectify_proto::registry::v1 as registry;
use rectify_proto::workitems::v1 as pb;
use rectify_testkit::registry::RegistryHarness;
use rectify_testkit::{Backend, authorized, event, on_both_backends};
use rectify_utilities::Utilities;
use support::{Bureau, UTILITIES_KINDS, of_kind};

type Utility = Bureau<Utilities>;

/// The registry's changes `publish_close_plan` records.
const PUBLISH_CHANGES: i64 = 5;

/// The type URLs of every change on the bureau's feed, in order.
async fn feed_types(bureau: &Utility) -> Vec<String> {
    let changes = bureau.service.whole_feed(&bureau.service.office()).await;
    changes
        .iter()
        .map(|c| {
            c.event
                .as_ref()
                .map_or(String::new(), |e| e.type_url.clone())
        })
        .collect()
}

async fn a_published_close_plan_gives_utilities_its_items_and_no_others(backend: Backend) {
    let Some((bureau, enterprise, items)) = Utility::spawn_with_plan(backend).await else {
        return;
    };
    let plan = bureau.registry.plan(&enterprise).await;

    // (kind, executor, verifier): water and power cut, the township clears, eco verifies; the
    // water bureau closes wells, which need no verification.
    let expected = [
        ("water_cut", "water", "eco"),
        ("power_cut", "power", "eco"),
        ("clear_materials", "yuelai", "eco"),
        ("clear_products", "yuelai", "eco"),
        ("clear_equipment", "yuelai", "eco"),
        ("well_closure", "water", ""),
    ];
    for (kind, executor, verifier) in expected {
        let item = of_kind(&items, kind);
        let terms = (
            item.executor.as_str(),
            item.verifier.as_str(),
            item.needs_verification,
        );
        assert_eq!(
            terms,
            (executor, verifier, !verifier.is_empty()),
            "{kind}: who"
        );
        assert_eq!(item.state(), pb::State::Pending, "{kind}: state");
        assert_eq!(item.deadline, "2021-12-31", "{kind}: the plan's deadline");
        assert_eq!(item.round, 1, "{kind}: round");
        assert_eq!(item.plan_version, plan.version, "{kind}: plan version");
        assert_eq!(item.jurisdiction, "yuelai", "{kind}: jurisdiction");
        assert_eq!(
            item.enterprise_display_name, "悦来镇宏达米业",
            "{kind}: enterprise"
        );
        assert!(!item.overdue, "{kind}: not overdue in October");
    }

    let all = bureau
        .list(&bureau.service.office(), Default::default())
        .await;
    let kinds: HashSet<&str> = all.iter().map(|i| i.kind.as_str()).collect();
    assert_eq!(
        kinds,
        UTILITIES_KINDS.iter().copied().collect::<HashSet<_>>(),
        "only utilities' kinds, once each"
    );
    assert_eq!(
        all.len(),
        6,
        "licensing's, land's and environment's measures are not here"
    );

    let water = bureau.get(&of_kind(&items, "water_cut").name).await;
    assert_eq!(water.history.len(), 1, "created: {:?}", water.history);
    let created = &water.history[0];
    assert_eq!(
        (created.action(), created.to_state(), created.actor.as_str()),
        (pb::Action::Create, pb::State::Pending, "plan"),
        "the creation step follows the plan"
    );
    assert_eq!(
        created.request_id,
        format!("registry:{PUBLISH_CHANGES}"),
        "attributed to the registry's PlanPublished"
    );

    assert_eq!(
        bureau.service.settled_head(6).await,
        6,
        "one change per item"
    );
    let changes = bureau.service.whole_feed(&bureau.service.office()).await;
    let mut resources = HashSet::new();
    for change in &changes {
        let created: pb::WorkItemCreated = event(change);
        let item = created.work_item.expect("the event carries the item");
        assert_eq!(change.resource, item.name, "the change is about its item");
        assert!(
            resources.insert(item.name.clone()),
            "{} created once",
            item.name
        );
        assert!(item.history.is_empty(), "events leave the history out");
        assert_eq!(
            change.actor, "utilities/follower",
            "recorded by the follower"
        );
    }
}

/// Updates the plan of `enterprise` to `measures`, as the office.
async fn update_measures(
    bureau: &Utility,
    enterprise: &str,
    measures: Vec<registry::Measure>,
    request_id: &str,
) {
    let mut plan = bureau.registry.plan(enterprise).await;
    plan.measures = measures;
    bureau
        .registry
        .registry()
        .update_plan(authorized(
            registry::UpdatePlanRequest {
                request_id: request_id.into(),
                plan: Some(plan),
                update_mask: Some(prost_types::FieldMask {
                    paths: vec!["measures".into()],
                }),
            },
            &bureau.registry.office(),
        ))
        .await
        .expect("update the published plan");
}

/// The item `name` once `done` says it has changed (waiting up to 20 s for the follower).
async fn changed_item(
    bureau: &Utility,
    name: &str,
    done: impl Fn(&pb::WorkItem) -> bool,
) -> pb::WorkItem {
    for _ in 0..400 {
        let item = bureau.get(name).await;
        if done(&item) {
            return item;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "{name} never changed as expected: {:?}",
        bureau.get(name).await
    )
}

fn actions(item: &pb::WorkItem) -> Vec<pb::Action> {
    item.history.iter().map(|s| s.action()).collect()
}

async fn plan_changes_reschedule_cancel_and_restore_and_a_reopening_starts_round_two(
    backend: Backend,
) {
    let Some(bureau) = Utility::spawn(backend).await else {
        return;
    };
    let office = bureau.registry.office();
    let enterprise = bureau
        .registry
        .publish_close_plan("yuelai", "悦来镇宏达米业")
        .await;
    let first = bureau.wait_for_items(&enterprise, 6).await;
    let (water, wells) = (
        of_kind(&first, "water_cut"),
        of_kind(&first, "well_closure"),
    );
    let original = bureau.registry.plan(&enterprise).await.measures;

    let changed: Vec<registry::Measure> = original
        .iter()
        .filter(|m| m.kind != "well_closure")
        .map(|m| match m.kind.as_str() {
            "water_cut" => registry::Measure {
                deadline: "2021-11-30".into(),
                ..m.clone()
            },
            _ => m.clone(),
        })
        .collect();
    update_measures(
        &bureau,
        &enterprise,
        changed.clone(),
        "earlier-water-no-wells",
    )
    .await;
    let water_after = changed_item(&bureau, &water.name, |i| i.deadline == "2021-11-30").await;
    assert_eq!(
        water_after.state(),
        pb::State::Pending,
        "rescheduled, state kept"
    );
    assert_eq!(
        actions(&water_after),
        [pb::Action::Create, pb::Action::Reschedule],
        "history kept"
    );
    let step = &water_after.history[1];
    assert_eq!(
        (step.from_state(), step.to_state()),
        (pb::State::Pending, pb::State::Pending)
    );
    assert!(
        step.reason.contains("deadline: 2021-12-31 → 2021-11-30"),
        "{}",
        step.reason
    );
    assert_eq!(
        water_after.name, water.name,
        "the same item, across plan versions"
    );
    let wells_after =
        changed_item(&bureau, &wells.name, |i| i.state() == pb::State::Cancelled).await;
    assert_eq!(
        actions(&wells_after),
        [pb::Action::Create, pb::Action::Cancel],
        "cancelled, kept"
    );
    let untouched = bureau.get(&of_kind(&first, "power_cut").name).await;
    assert_eq!(
        untouched.etag,
        of_kind(&first, "power_cut").etag,
        "unchanged terms, no step"
    );

    let mut wells_again = changed;
    wells_again.extend(original.into_iter().filter(|m| m.kind == "well_closure"));
    update_measures(&bureau, &enterprise, wells_again, "wells-again").await;
    let restored = changed_item(&bureau, &wells.name, |i| i.state() == pb::State::Pending).await;
    assert_eq!(
        actions(&restored),
        [pb::Action::Create, pb::Action::Cancel, pb::Action::Restore],
        "restored with its history"
    );

    let mut registry_client = bureau.registry.registry();
    let e = registry_client
        .get_enterprise(authorized(
            registry::GetEnterpriseRequest {
                name: enterprise.clone(),
            },
            &office,
        ))
        .await
        .expect("enterprise")
        .into_inner();
    let signed = registry_client
        .sign_off_enterprise(authorized(
            registry::SignOffEnterpriseRequest {
                request_id: "sign-off".into(),
                name: enterprise.clone(),
                etag: e.etag,
                note: String::new(),
            },
            // As the coordinator does once the plan is complete.
            &bureau.registry.service("coordinator"),
        ))
        .await
        .expect("sign off")
        .into_inner();
    registry_client
        .reopen_enterprise(authorized(
            registry::ReopenEnterpriseRequest {
                request_id: "reopen".into(),
                name: enterprise.clone(),
                etag: signed.etag,
                reason: "巡查发现恢复生产".into(),
            },
            &office,
        ))
        .await
        .expect("reopen on a rebound");
    let both = bureau.wait_for_items(&enterprise, 12).await;
    let (round_one, round_two): (Vec<_>, Vec<_>) = both.iter().partition(|i| i.round == 1);
    assert_eq!(round_two.len(), 6, "a new round of every utilities measure");
    for item in &round_two {
        assert_eq!(
            item.state(),
            pb::State::Pending,
            "{}: round 2 starts pending",
            item.kind
        );
    }
    let water_again = round_one
        .iter()
        .find(|i| i.kind == "water_cut")
        .expect("round 1 water cut");
    assert_eq!(water_again.etag, water_after.etag, "round 1 left as it was");

    // 6 created, 1 rescheduled, 1 cancelled, 1 restored, 6 created in round 2.
    assert_eq!(
        bureau.service.settled_head(15).await,
        15,
        "each change once"
    );
    let types = feed_types(&bureau).await;
    let count = |url: String| types.iter().filter(|t| **t == url).count();
    let counts = [
        count(pb::WorkItemCreated::type_url()),
        count(pb::WorkItemRescheduled::type_url()),
        count(pb::WorkItemCancelled::type_url()),
        count(pb::WorkItemRestored::type_url()),
    ];
    assert_eq!(counts, [12, 1, 1, 1], "typed events, each once: {types:?}");
    let changes = bureau.service.whole_feed(&bureau.service.office()).await;
    let rescheduled: pb::WorkItemRescheduled = event(&changes[6]);
    let paths = rescheduled.changed.map(|m| m.paths).unwrap_or_default();
    assert_eq!(paths, ["deadline"], "the reschedule names what changed");
    assert_eq!(
        rescheduled.previous.map(|t| t.deadline).unwrap_or_default(),
        "2021-12-31",
        "and the terms before"
    );
}

async fn a_restarted_bureau_creates_exactly_the_missing_items(backend: Backend) {
    let Some((bureau, first, before)) = Utility::spawn_with_plan(backend).await else {
        return;
    };
    let Bureau {
        registry,
        service,
        clock,
    } = bureau;
    let (db, keys, args) = service.stop().await;

    let second = registry
        .publish_close_plan("donghe", "东河乡永兴砖厂")
        .await;
    let third = registry
        .publish_close_plan("lifeng", "梨丰乡金鑫塑料厂")
        .await;

    let service = rectify_testkit::TestService::<Utilities>::resume(db, keys, args).await;
    let bureau = Bureau {
        registry,
        service,
        clock,
    };
    bureau.wait_for_items(&second, 6).await;
    bureau.wait_for_items(&third, 6).await;
    let after = bureau.wait_for_items(&first, 6).await;
    assert_eq!(after, before, "the first enterprise's items untouched");
    assert_eq!(
        bureau.service.settled_head(18).await,
        18,
        "18 creations, none twice"
    );
    let all = bureau
        .list(&bureau.service.office(), Default::default())
        .await;
    let names: HashSet<&str> = all.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        (all.len(), names.len()),
        (18, 18),
        "exactly the missing items were created"
    );
    let types = feed_types(&bureau).await;
    assert!(
        types.iter().all(|t| *t == pb::WorkItemCreated::type_url()),
        "only creations: {types:?}"
    );
}

on_both_backends!(
    a_published_close_plan_gives_utilities_its_items_and_no_others,
    plan_changes_reschedule_cancel_and_restore_and_a_reopening_starts_round_two,
    a_restarted_bureau_creates_exactly_the_missing_items,
);
