//! The coordinator's counters are kept incrementally, change by change, across six feeds
//! applied concurrently and in whatever order they arrive. This drives seeded random
//! interleavings of changes across all six services — reports from every kind of source,
//! published plans of every category, work items started, completed, verified, sent back,
//! blocked, unblocked and waived through the bureaus' APIs — stops the coordinator mid-stream
//! and resumes it later, restarts it, and then finds its projection equal to that of a fresh
//! coordinator that read the same feeds from scratch on a new database.

#[path = "coordinator/county.rs"]
mod county;
mod support;

use county::{County, all_progress, client};
use rectify_campaign::{Campaign, HUACHUAN_2021};
use rectify_coordinator::Coordinator;
use rectify_demo::Rng;
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::registry::v1 as reg;
use rectify_proto::workitems::v1 as wi;
use rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient;
use rectify_testkit::registry::{RegistryHarness as _, finding, relocate_criteria};
use rectify_testkit::{Backend, TestService, authorized, on_both_backends};
use tonic::transport::Channel;

/// After the campaign's end, so that every open item is overdue and dates count.
const NOW: &str = "2022-01-10T10:00:00+08:00";
const JURISDICTIONS: [&str; 4] = ["yuelai", "donghe", "lifeng", "xincheng"];
/// Random steps after the plans are published.
const STEPS: usize = 70;

/// Everything the coordinator serves that the projection decides, as the office reads it.
#[derive(Debug, PartialEq)]
struct Projection {
    overall: pb::Summary,
    by: Vec<Vec<pb::Summary>>,
    enterprises: Vec<pb::EnterpriseProgress>,
    overdue: Vec<pb::ItemProgress>,
    supervision: pb::Supervision,
}

fn timeless(mut s: pb::Summary) -> pb::Summary {
    s.read_time = None;
    s
}

async fn projection(coordinator: &TestService<Coordinator>) -> Projection {
    let office = coordinator.office();
    let mut c = client(coordinator);
    let overall = c
        .get_summary(authorized(pb::GetSummaryRequest {}, &office))
        .await
        .expect("summary")
        .into_inner();
    let mut by = Vec::new();
    for dimension in [
        pb::Dimension::Jurisdiction,
        pb::Dimension::Category,
        pb::Dimension::Bureau,
    ] {
        let list = c
            .list_summaries(authorized(
                pb::ListSummariesRequest {
                    dimension: dimension as i32,
                },
                &office,
            ))
            .await
            .expect("summaries")
            .into_inner();
        by.push(list.summaries.into_iter().map(timeless).collect());
    }
    let listed = all_progress(coordinator, &office, Default::default()).await;
    let mut enterprises = Vec::new();
    for e in listed {
        let full = c
            .get_enterprise_progress(authorized(
                pb::GetEnterpriseProgressRequest { name: e.name },
                &office,
            ))
            .await
            .expect("progress")
            .into_inner();
        enterprises.push(full);
    }
    let overdue = c
        .list_overdue_items(authorized(
            pb::ListOverdueItemsRequest {
                page_size: 500,
                ..Default::default()
            },
            &office,
        ))
        .await
        .expect("overdue")
        .into_inner()
        .items;
    let supervision = c
        .get_supervision(authorized(pb::GetSupervisionRequest {}, &office))
        .await
        .expect("supervision")
        .into_inner();
    Projection {
        overall: timeless(overall),
        by,
        enterprises,
        overdue,
        supervision,
    }
}

/// The six bureaus' work-item clients, by service.
fn bureaus(county: &County) -> Vec<WorkItemServiceClient<Channel>> {
    [
        county.utilities.channel(),
        county.licensing.channel(),
        county.land.channel(),
        county.safety.channel(),
        county.environment.channel(),
    ]
    .into_iter()
    .map(WorkItemServiceClient::new)
    .collect()
}

/// One random change to a random item of a random bureau, as the party entitled to make it;
/// refusals (an illegal transition, a kind recorded through the bureau's own method) are part
/// of the game and change nothing.
async fn move_an_item(county: &County, campaign: &Campaign, rng: &mut Rng, step: usize) {
    let mut clients = bureaus(county);
    let which = rng.below(clients.len());
    let client = &mut clients[which];
    let items = client
        .list_work_items(authorized(
            wi::ListWorkItemsRequest {
                page_size: 500,
                ..Default::default()
            },
            &county.office(),
        ))
        .await
        .expect("items")
        .into_inner()
        .work_items;
    if items.is_empty() {
        return;
    }
    let item = &items[rng.below(items.len())];
    let as_party = |code: &str| {
        let kind = campaign.party(code).map_or(PartyKind::Bureau, |p| p.kind);
        county.token(code, kind)
    };
    let executor = as_party(&item.executor);
    // Without a verifier, the executor tries (and is refused).
    let verifier = if item.verifier.is_empty() {
        executor.clone()
    } else {
        as_party(&item.verifier)
    };
    let name = item.name.clone();
    let request_id = format!("step-{step}");
    let _ = match rng.below(7) {
        0 => client
            .start_work_item(authorized(
                wi::StartWorkItemRequest {
                    request_id,
                    name,
                    ..Default::default()
                },
                &executor,
            ))
            .await
            .map(|_| ()),
        1 | 2 => client
            .complete_work_item(authorized(
                wi::CompleteWorkItemRequest {
                    request_id,
                    name,
                    etag: String::new(),
                    evidence: support::photo(),
                },
                &executor,
            ))
            .await
            .map(|_| ()),
        3 => client
            .verify_work_item(authorized(
                wi::VerifyWorkItemRequest {
                    request_id,
                    name,
                    etag: String::new(),
                    evidence: support::photo(),
                },
                &verifier,
            ))
            .await
            .map(|_| ()),
        4 => client
            .block_work_item(authorized(
                wi::BlockWorkItemRequest {
                    request_id,
                    name,
                    etag: String::new(),
                    reason: "经营者联系不上 (the operator cannot be found)".into(),
                    evidence: None,
                },
                &executor,
            ))
            .await
            .map(|_| ()),
        5 => client
            .unblock_work_item(authorized(
                wi::UnblockWorkItemRequest {
                    request_id,
                    name,
                    ..Default::default()
                },
                &executor,
            ))
            .await
            .map(|_| ()),
        _ => client
            .waive_work_item(authorized(
                wi::WaiveWorkItemRequest {
                    request_id,
                    name,
                    etag: String::new(),
                    reason: "不再实施 (not needed)".into(),
                },
                &county.office(),
            ))
            .await
            .map(|_| ()),
    };
}

/// A new report from a random source in a random jurisdiction (sometimes a workshop already
/// reported, which merges).
async fn report(county: &County, rng: &mut Rng, step: usize) {
    let jurisdiction = JURISDICTIONS[rng.below(JURISDICTIONS.len())];
    let mut f = finding(
        jurisdiction,
        &format!("{jurisdiction}第{}作坊", rng.below(8)),
    );
    let (reporter, source) = match rng.below(3) {
        0 => (
            county.token(jurisdiction, PartyKind::Jurisdiction),
            reg::FindingSource::TownshipSurvey,
        ),
        1 => (
            county.token("eco", PartyKind::Bureau),
            reg::FindingSource::Petition,
        ),
        _ => (
            county.token("miit", PartyKind::Bureau),
            reg::FindingSource::GridSupervision,
        ),
    };
    f.source = source as i32;
    county
        .registry
        .report(&reporter, &format!("report-{step}"), f)
        .await;
}

/// A published plan of a random category for a new workshop.
async fn publish(county: &County, rng: &mut Rng, step: usize) {
    let jurisdiction = JURISDICTIONS[rng.below(JURISDICTIONS.len())];
    let name = format!("{jurisdiction}整治企业{step}");
    match rng.below(3) {
        0 => {
            county
                .registry
                .publish_close_plan(jurisdiction, &name)
                .await;
        }
        1 => {
            let approvals = reg::Approvals {
                environmental: Some(false),
                safety: Some(false),
                ..Default::default()
            };
            county
                .registry
                .publish_upgrade_plan(jurisdiction, &name, approvals)
                .await;
        }
        _ => {
            county
                .registry
                .publish_plan(
                    jurisdiction,
                    &name,
                    relocate_criteria(),
                    reg::Category::Relocate,
                )
                .await;
        }
    }
}

async fn incremental_counters_equal_a_projection_from_scratch(backend: Backend) {
    let Some(county) = County::spawn(backend, Clock::fixed(support::at(NOW))).await else {
        return;
    };
    let campaign = Campaign::from_toml_str(HUACHUAN_2021).expect("campaign");
    let mut rng = Rng::new(20_211_231);
    let mut coordinator = Some(county.coordinator().await);
    let mut stopped = None;
    for step in 0..6 {
        publish(&county, &mut rng, step).await;
    }
    for step in 0..STEPS {
        match rng.below(10) {
            0 => report(&county, &mut rng, step).await,
            1 => publish(&county, &mut rng, 100 + step).await,
            _ => move_an_item(&county, &campaign, &mut rng, step).await,
        }
        if step == STEPS / 4 {
            // Killed mid-stream: the feeds move on without it.
            stopped = coordinator.take().map(|c| tokio::spawn(c.stop()));
        }
        if step == STEPS / 2 {
            let (db, keys, args) = stopped.take().expect("stopped").await.expect("stop");
            coordinator = Some(TestService::<Coordinator>::resume(db, keys, args).await);
        }
        if step == 3 * STEPS / 4 {
            coordinator = Some(coordinator.take().expect("running").restart().await);
        }
    }
    let coordinator = coordinator.expect("running");
    county.caught_up(&coordinator).await;
    let fresh = county.coordinator().await;
    county.caught_up(&fresh).await;

    let incremental = projection(&coordinator).await;
    let from_scratch = projection(&fresh).await;
    assert!(
        incremental.overall.enterprises >= 6 && incremental.overall.items > 20,
        "the run made enough to compare: {:?}",
        incremental.overall
    );
    assert!(
        incremental.overall.items_complete > 0 && incremental.overall.items_overdue > 0,
        "items moved and items overdue: {:?}",
        incremental.overall
    );
    assert_eq!(incremental.overall, from_scratch.overall, "overall summary");
    assert_eq!(
        incremental.by, from_scratch.by,
        "summaries by jurisdiction, category, bureau"
    );
    assert_eq!(
        incremental.enterprises, from_scratch.enterprises,
        "per-enterprise progress"
    );
    assert_eq!(incremental.overdue, from_scratch.overdue, "overdue items");
    assert_eq!(
        incremental.supervision, from_scratch.supervision,
        "supervision"
    );
    let counted: i64 = incremental.by[0].iter().map(|s| s.enterprises).sum();
    assert_eq!(
        counted, incremental.overall.enterprises,
        "every enterprise counted in exactly one jurisdiction"
    );
    let listed = i64::try_from(incremental.enterprises.len()).expect("count");
    assert_eq!(
        listed, incremental.overall.enterprises,
        "the list and the counters agree"
    );
    let items_listed: i64 = incremental
        .enterprises
        .iter()
        .map(|e| {
            e.items
                .iter()
                .filter(|i| i.state() != wi::State::Cancelled)
                .count() as i64
        })
        .sum();
    assert_eq!(
        items_listed, incremental.overall.items,
        "items listed and counted agree"
    );
}

on_both_backends!(incremental_counters_equal_a_projection_from_scratch);
