//! The coordinator on PostgreSQL, measured:
//!
//! 1. summary latency: `GetSummary`, `ListSummaries(JURISDICTION)` and a filtered first page of
//!    `ListEnterpriseProgress` (one township's overdue enterprises) with `--sizes` generated
//!    enterprises bulk-loaded straight into the projection's tables (with their counters), from
//!    four clients for `--seconds` each;
//! 2. propagation: a bureau's update committed (utilities' BlockWorkItem / UnblockWorkItem
//!    answered) until the coordinator's summary shows it, p50/p99, while `--clients` clients
//!    keep updating other items at about `--rate` updates per second; then how fast the
//!    coordinator works off the changes it is behind by once the load stops.
//!
//! `cargo bench -p rectify-tests --bench coordinator -- [--sizes 1000000] [--seconds 5]
//!  [--rate 1000] [--clients 16] [--plans 60]` (`--sizes N` runs 10^4, 10^5, … up to N).

#[path = "../support/mod.rs"]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rectify_campaign::ServiceName;
use rectify_coordinator::Coordinator;
use rectify_kit::auth::PartyKind;
use rectify_proto::coordinator::v1 as cpb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_proto::workitems::v1 as pb;
use rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient;
use rectify_testkit::bench::{Figures, arg, drive};
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::spawn_following_all;
use rectify_testkit::{Backend, TestService, authorized};
use rectify_utilities::Utilities;
use support::Bureau;
use tonic::transport::Channel;

const JURISDICTIONS: [&str; 13] = [
    "yuelai",
    "donghe",
    "lifeng",
    "xincheng",
    "sujiadian",
    "chuangye",
    "xinghuo",
    "simajia",
    "hengtoushan",
    "baoshan",
    "jiangchuan",
    "shequ",
    "yuelai",
];

/// `count` enterprises in every state a published plan can be in, spread over the townships
/// and categories, with the counters the follower would have kept for them.
async fn bulk_load(url: &str, count: u64) {
    let pool = sqlx::PgPool::connect(url).await.expect("postgres");
    let codes = JURISDICTIONS[..12]
        .iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(",");
    let insert = format!(
        "INSERT INTO enterprises (id, display_name, jurisdiction, category, state, round, \
                measures, measures_complete, complete, ready, due_date, reported_late, discrepancy) \
         SELECT lpad(i::text, 10, '0'), '测试作坊' || i, (ARRAY[{codes}])[1 + i % 12], 1 + i % 3, \
                5, 1, 6, i % 7 - (i % 7) / 6, i % 7 = 6, i % 7 = 6, \
                CASE WHEN i % 7 = 6 THEN NULL \
                     ELSE to_char(DATE '2021-09-01' + (i % 120), 'YYYY-MM-DD') END, \
                i % 11 = 0, i % 13 = 0 \
         FROM generate_series(1, {count}) AS i"
    );
    sqlx::query(sqlx::AssertSqlSafe(insert))
        .execute(&pool)
        .await
        .expect("enterprises");
    let counters = "INSERT INTO counters (scope, scope_key, metric, value) \
        SELECT s.scope, s.scope_key, s.metric, SUM(s.value) FROM ( \
          SELECT k.scope, k.scope_key, m.metric, m.value FROM enterprises e \
          CROSS JOIN LATERAL (VALUES ('all', ''), ('jurisdiction', e.jurisdiction), \
                ('category', CASE e.category WHEN 1 THEN 'upgrade' WHEN 2 THEN 'relocate' \
                                             ELSE 'close' END)) AS k(scope, scope_key) \
          CROSS JOIN LATERAL (VALUES ('enterprises', 1), ('state:5', 1), ('planned', 1), \
                ('complete', e.complete::int), ('ready', e.ready::int), \
                ('measures', e.measures), ('measures_complete', e.measures_complete), \
                ('late', e.reported_late::int), ('discrepancy', e.discrepancy::int), \
                ('due:' || COALESCE(e.due_date, 'none'), (e.due_date IS NOT NULL)::int)) \
                AS m(metric, value) \
        ) s WHERE s.value <> 0 AND s.metric <> 'due:none' \
        GROUP BY s.scope, s.scope_key, s.metric";
    sqlx::query(counters)
        .execute(&pool)
        .await
        .expect("counters");
    sqlx::query("ANALYZE")
        .execute(&pool)
        .await
        .expect("analyze");
    pool.close().await;
}

async fn summary_latency(sizes_up_to: u64, seconds: u64) {
    let mut size = 10_000;
    while size <= sizes_up_to {
        let coordinator = TestService::<Coordinator>::spawn(Backend::Postgres)
            .await
            .expect("PostgreSQL on 127.0.0.1:5432");
        let loading = Instant::now();
        bulk_load(&coordinator.db.url, size).await;
        println!(
            "{size} enterprises bulk-loaded in {:.1} s",
            loading.elapsed().as_secs_f64()
        );
        let channel = coordinator.channel();
        let office = coordinator.office();
        let client = move || CoordinatorServiceClient::new(channel.clone());
        let (c, t) = (client.clone(), office.clone());
        let figures = drive(4, seconds, move |_, _| {
            let (mut c, t) = (c(), t.clone());
            async move {
                let s = c
                    .get_summary(authorized(cpb::GetSummaryRequest {}, &t))
                    .await
                    .expect("summary")
                    .into_inner();
                assert_eq!(
                    s.enterprises, size as i64,
                    "the bulk-loaded enterprises are counted"
                );
            }
        })
        .await;
        figures.print(&format!("GetSummary @{size}"));
        let (c, t) = (client.clone(), office.clone());
        drive(4, seconds, move |_, _| {
            let (mut c, t) = (c(), t.clone());
            async move {
                let dimension = cpb::Dimension::Jurisdiction as i32;
                c.list_summaries(authorized(cpb::ListSummariesRequest { dimension }, &t))
                    .await
                    .expect("summaries");
            }
        })
        .await
        .print(&format!("ListSummaries(jurisdiction) @{size}"));
        let (c, t) = (client.clone(), office.clone());
        drive(4, seconds, move |_, _| {
            let (mut c, t) = (c(), t.clone());
            async move {
                let request = cpb::ListEnterpriseProgressRequest {
                    jurisdiction: "yuelai".into(),
                    completion: cpb::Completion::Overdue as i32,
                    page_size: 50,
                    ..Default::default()
                };
                c.list_enterprise_progress(authorized(request, &t))
                    .await
                    .expect("list");
            }
        })
        .await
        .print(&format!("ListEnterpriseProgress page @{size}"));
        coordinator.server.shutdown().await;
        size *= 10;
    }
}

fn block_or_unblock(item: &str, n: usize) -> (bool, String) {
    (n.is_multiple_of(2), item.to_owned())
}

async fn update(client: &mut WorkItemServiceClient<Channel>, token: &str, item: &str, block: bool) {
    let result = if block {
        client
            .block_work_item(authorized(
                pb::BlockWorkItemRequest {
                    request_id: String::new(),
                    name: item.to_owned(),
                    etag: String::new(),
                    reason: "现场无人，待约谈".into(),
                    evidence: None,
                },
                token,
            ))
            .await
            .map(drop)
    } else {
        client
            .unblock_work_item(authorized(
                pb::UnblockWorkItemRequest {
                    request_id: String::new(),
                    name: item.to_owned(),
                    etag: String::new(),
                    note: String::new(),
                },
                token,
            ))
            .await
            .map(drop)
    };
    result.expect("block or unblock");
}

async fn propagation(seconds: u64, rate: u64, clients: usize, plans: usize) {
    let bureau = Bureau::<Utilities>::spawn(Backend::Postgres)
        .await
        .expect("PostgreSQL on 127.0.0.1:5432");
    let coordinator = spawn_following_all::<Coordinator>(
        Backend::Postgres,
        bureau.registry.keys.clone(),
        &[
            (ServiceName::Registry, bureau.registry.server.addr),
            (ServiceName::Utilities, bureau.service.server.addr),
        ],
        &bureau.clock,
    )
    .await
    .expect("PostgreSQL");
    // Load items in the townships, one probe enterprise alone in 社区 (shequ).
    let mut load_items = Vec::new();
    for p in 0..plans {
        let township = JURISDICTIONS[p % 11];
        let enterprise = bureau
            .registry
            .publish_close_plan(township, &format!("负载第{p}号作坊"))
            .await;
        load_items.extend(
            bureau
                .wait_for_items(&enterprise, 6)
                .await
                .into_iter()
                .map(|i| i.name),
        );
    }
    let probe = bureau
        .registry
        .publish_close_plan("shequ", "探测作坊")
        .await;
    let probe_item = support::of_kind(&bureau.wait_for_items(&probe, 6).await, "water_cut")
        .name
        .clone();
    let executors: Vec<(String, String)> = {
        let office = bureau.service.office();
        bureau
            .list(&office, pb::ListWorkItemsRequest::default())
            .await
            .into_iter()
            .map(|i| (i.name, i.executor))
            .collect()
    };
    println!("{} load items in {plans} enterprises", load_items.len());

    let channel = bureau.service.channel();
    let keys = bureau.registry.keys.clone();
    let token_of = move |party: &str| {
        keys.token_for(&["utilities", "coordinator"], party, PartyKind::Bureau, &[])
    };
    let load_items: Arc<Vec<(String, String)>> = Arc::new(
        load_items
            .iter()
            .map(|name| {
                let executor = executors
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, e)| e.clone())
                    .unwrap_or_default();
                (name.clone(), token_of(&executor))
            })
            .collect(),
    );
    let done = Arc::new(AtomicUsize::new(0));
    let stop = Instant::now() + Duration::from_secs(seconds);
    let period = Duration::from_secs_f64(clients as f64 / rate as f64);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (items, channel, done) = (load_items.clone(), channel.clone(), done.clone());
        tasks.push(tokio::spawn(async move {
            let mut client = WorkItemServiceClient::new(channel);
            let mine: Vec<_> = items.iter().skip(c).step_by(clients).collect();
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut n = 0;
            while Instant::now() < stop && !mine.is_empty() {
                tick.tick().await;
                let (item, token) = mine[n % mine.len()];
                let (block, item) = block_or_unblock(item, n / mine.len());
                update(&mut client, token, &item, block).await;
                done.fetch_add(1, Ordering::Relaxed);
                n += 1;
            }
        }));
    }
    // The probe: block or unblock the probe item, then read shequ's summary until it shows.
    let water = token_of("water");
    let shequ = coordinator.token("shequ", PartyKind::Jurisdiction, &[]);
    let mut items = WorkItemServiceClient::new(channel.clone());
    let mut summaries = CoordinatorServiceClient::new(coordinator.channel());
    let mut delays = Vec::new();
    let started = Instant::now();
    let mut n = 0;
    while Instant::now() < stop {
        let block = n % 2 == 0;
        update(&mut items, &water, &probe_item, block).await;
        let committed = Instant::now();
        loop {
            let s = summaries
                .get_summary(authorized(cpb::GetSummaryRequest {}, &shequ))
                .await
                .expect("summary")
                .into_inner();
            if (s.items_blocked == 1) == block {
                break;
            }
            if committed.elapsed() > Duration::from_secs(30) {
                panic!("the coordinator did not show the probe's update in 30 s");
            }
        }
        delays.push(committed.elapsed());
        n += 1;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = started.elapsed();
    for task in tasks {
        task.await.expect("load client");
    }
    let updates = done.load(Ordering::Relaxed);
    println!(
        "load: {updates} updates in {:.1} s = {:.0} /s (target {rate} /s, {clients} clients)",
        elapsed.as_secs_f64(),
        updates as f64 / elapsed.as_secs_f64()
    );
    Figures::of(delays, elapsed).print("update -> coordinator summary");

    // How fast the coordinator works off what it is behind by, once the load stops.
    let head = bureau.service.settled_head(0).await;
    let office = coordinator.office();
    let applied = || {
        let mut c = CoordinatorServiceClient::new(coordinator.channel());
        let office = office.clone();
        async move {
            let request = cpb::GetAuditAnchorsRequest {
                service: "utilities".into(),
            };
            c.get_audit_anchors(authorized(request, &office))
                .await
                .expect("anchors")
                .into_inner()
                .anchors
                .first()
                .map_or(0, |a| a.seq)
        }
    };
    let (behind, start) = (head - applied().await, Instant::now());
    while applied().await < head {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = start.elapsed().as_secs_f64();
    println!(
        "coordinator catching up: {behind} utilities changes applied in {took:.1} s = {:.0} /s",
        behind as f64 / took
    );
    coordinator.server.shutdown().await;
    bureau.service.server.shutdown().await;
    bureau.registry.server.shutdown().await;
}

#[tokio::main]
async fn main() {
    let seconds = arg("--seconds", 5);
    summary_latency(arg("--sizes", 1_000_000), seconds).await;
    propagation(
        seconds.max(10),
        arg("--rate", 1000),
        usize::try_from(arg("--clients", 16)).unwrap_or(16),
        usize::try_from(arg("--plans", 60)).unwrap_or(60),
    )
    .await;
}
