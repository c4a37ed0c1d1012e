//! Work items on PostgreSQL, measured:
//!
//! 1. propagation: a plan published in the registry until its items exist in utilities (the
//!    utilities feed's `WorkItemCreated`), p50/p99 over `--plans` plans published one by one;
//! 2. work-item updates (BlockWorkItem / UnblockWorkItem alternating, each a state change with its
//!    history step and event) from `--clients` clients over gRPC, beside the same transaction
//!    script called directly through sqlx on the same database in the same run.
//!
//! `cargo bench -p rectify-tests --bench work_items -- [--clients 32] [--seconds 10] [--plans 64]`

#[path = "../support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use rectify_kit::CallContext;
use rectify_kit::auth::{PartyKind, Principal};
use rectify_kit::db::Db;
use rectify_kit::journal::Journal;
use rectify_proto::feed::v1::WatchChangesRequest;
use rectify_proto::workitems::v1 as pb;
use rectify_testkit::bench::{Figures, arg, drive};
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::{Backend, authorized};
use rectify_utilities::Utilities;
use rectify_workitems::domain::{Command, EvidenceRules};
use rectify_workitems::store::Store;
use support::Bureau;
use tokio::sync::mpsc;

/// Watches the utilities feed and reports when each enterprise's first item was created.
fn watch_created(bureau: &Bureau<Utilities>) -> mpsc::UnboundedReceiver<(String, Instant)> {
    let (sender, receiver) = mpsc::unbounded_channel();
    let mut feed = bureau.service.feed();
    let token = bureau.service.service("coordinator");
    tokio::spawn(async move {
        let mut stream = feed
            .watch_changes(authorized(
                WatchChangesRequest {
                    after: 0,
                    follow: true,
                },
                &token,
            ))
            .await
            .expect("watch utilities")
            .into_inner();
        while let Ok(Some(change)) = stream.message().await {
            let Some(event) = change.event else { continue };
            if let Ok(created) = event.to_msg::<pb::WorkItemCreated>() {
                let enterprise = created.work_item.map(|i| i.enterprise).unwrap_or_default();
                if sender.send((enterprise, Instant::now())).is_err() {
                    return;
                }
            }
        }
    });
    receiver
}

/// Publishes `plans` close plans one by one and measures each until utilities created its first
/// item; returns the figures and the water-cut item of every enterprise.
async fn propagation(bureau: &Bureau<Utilities>, plans: usize) -> (Figures, Vec<String>) {
    let mut created = watch_created(bureau);
    let mut delays = Vec::new();
    let mut enterprises = Vec::new();
    let start = Instant::now();
    for p in 0..plans {
        let enterprise = bureau
            .registry
            .publish_close_plan("yuelai", &format!("测速第{p}号作坊"))
            .await;
        let published = Instant::now();
        loop {
            let (of, at) = tokio::time::timeout(Duration::from_secs(30), created.recv())
                .await
                .expect("items appear within 30 s")
                .expect("the watcher runs");
            if of == enterprise {
                delays.push(at.saturating_duration_since(published));
                break;
            }
        }
        enterprises.push(enterprise);
    }
    let figures = Figures::of(delays, start.elapsed());
    let mut water_items = Vec::new();
    for enterprise in &enterprises {
        let items = bureau.wait_for_items(enterprise, 6).await;
        water_items.push(support::of_kind(&items, "water_cut").name.clone());
    }
    (figures, water_items)
}

/// Block then unblock, over and over, as the water bureau.
fn block_or_unblock(
    item: &str,
    n: usize,
    request_id: String,
) -> Result<Command, Vec<rectify_kit::FieldViolation>> {
    if n.is_multiple_of(2) {
        Command::block(
            &pb::BlockWorkItemRequest {
                request_id,
                name: item.to_owned(),
                etag: String::new(),
                reason: "现场无人，待约谈".into(),
                evidence: None,
            },
            EvidenceRules {
                now: chrono::Utc::now(),
                bounds: None,
            },
        )
    } else {
        Command::unblock(&pb::UnblockWorkItemRequest {
            request_id,
            name: item.to_owned(),
            etag: String::new(),
            note: String::new(),
        })
    }
}

async fn grpc_updates(
    bureau: &Bureau<Utilities>,
    items: &[String],
    clients: usize,
    seconds: u64,
) -> Figures {
    let items: Arc<Vec<String>> = Arc::new(items.to_vec());
    let channel = bureau.service.channel();
    let token = bureau.token("water", PartyKind::Bureau);
    drive(clients, seconds, move |c, n| {
        let mut client =
            rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient::new(
                channel.clone(),
            );
        let token = token.clone();
        let item = items[c].clone();
        async move {
            let request_id = format!("grpc-{c}-{n}");
            let result = if n.is_multiple_of(2) {
                client
                    .block_work_item(authorized(
                        pb::BlockWorkItemRequest {
                            request_id,
                            name: item,
                            etag: String::new(),
                            reason: "现场无人，待约谈".into(),
                            evidence: None,
                        },
                        &token,
                    ))
                    .await
                    .map(|_| ())
            } else {
                client
                    .unblock_work_item(authorized(
                        pb::UnblockWorkItemRequest {
                            request_id,
                            name: item,
                            etag: String::new(),
                            note: String::new(),
                        },
                        &token,
                    ))
                    .await
                    .map(|_| ())
            };
            result.expect("update over gRPC");
        }
    })
    .await
}

async fn direct_updates(url: &str, items: &[String], clients: usize, seconds: u64) -> Figures {
    let db = Db::open(url, 16).await.expect("pool");
    let store = Store::new(Journal::new(db));
    let items: Arc<Vec<String>> = Arc::new(items.to_vec());
    let water = Principal {
        subject: "bench".into(),
        party: "water".into(),
        kind: PartyKind::Bureau,
        roles: vec![],
    };
    drive(clients, seconds, move |c, n| {
        let store = store.clone();
        let item = items[c].clone();
        let water = water.clone();
        async move {
            let request_id = format!("direct-{c}-{n}");
            let command = block_or_unblock(&item, n, request_id.clone()).expect("command");
            let request = pb::UnblockWorkItemRequest {
                request_id,
                ..Default::default()
            };
            let ctx = CallContext::new(
                water,
                if n.is_multiple_of(2) {
                    "BlockWorkItem"
                } else {
                    "UnblockWorkItem"
                },
                &request,
            )
            .expect("context");
            store
                .move_item(
                    &ctx,
                    &command,
                    rectify_utilities::app::RECORDED_THROUGH_SERVICE,
                    chrono::Utc::now(),
                )
                .await
                .expect("update through sqlx");
        }
    })
    .await
}

#[tokio::main]
async fn main() {
    let clients = arg("--clients", 32) as usize;
    let seconds = arg("--seconds", 10);
    let plans = (arg("--plans", 64) as usize).max(2 * clients);
    let bureau = Bureau::<Utilities>::spawn(Backend::Postgres)
        .await
        .expect("PostgreSQL on 127.0.0.1:5432 is required");
    println!("work items on PostgreSQL: {plans} plans, {clients} clients, {seconds} s per phase");

    let (propagation, water_items) = propagation(&bureau, plans).await;
    let (grpc_items, direct_items) = water_items.split_at(clients);
    let grpc = grpc_updates(&bureau, grpc_items, clients, seconds).await;
    let direct = direct_updates(
        &bureau.service.db.url,
        &direct_items[..clients],
        clients,
        seconds,
    )
    .await;

    propagation.print("plan published → items in utilities");
    grpc.print("gRPC Block/UnblockWorkItem");
    direct.print("same transaction through sqlx");
    println!("ratio gRPC / direct: {:.2}", grpc.rate() / direct.rate());
    let Bureau {
        registry, service, ..
    } = bureau;
    let _dropped_after_stopping = (service.stop().await, registry.stop().await);
}
