//! The coordinator on PostgreSQL, measured:
//!
//! 1. summary latency: `GetSummary`, `ListSummaries(JURISDICTION)` and a filtered first page of
//!    `ListEnterpriseProgress` (one township's overdue enterprises) with `--sizes` generated
//!    enterprises bulk-loaded straight into the projection's tables (with their counters), from
//!    four clients for `--seconds` each;
//! 2. propagation: with the registry and the five bureau services each on its own database and
//!    a coordinator following all six, `--clients` clients per bureau service keep blocking and
//!    unblocking work items (`WorkItemService`'s BlockWorkItem / UnblockWorkItem) of `--plans`
//!    enterprises (close and upgrade plans by turns), `--rate` updates per second in all,
//!    `--rate / 5` on each service (`--services 1` puts it all on utilities, as this bench did
//!    before; 2 on utilities and licensing, and so on); on each service at once a probe updates
//!    an item of its own township's and times each update from its answer until the
//!    coordinator's summary of that township shows it, p50/p99; the rate
//!    the load achieved in the window (overall, per service, per whole second) is printed beside
//!    it; then how fast the coordinator works off the changes it is behind by once the load
//!    stops.
//!
//! `cargo bench -p rectify-tests --bench coordinator -- [--sizes 1000000] [--seconds 5]
//!  [--rate 1000] [--services 5] [--clients 8] [--plans 60]` (`--sizes N` runs 10^4, 10^5, …
//!  up to N; `--sizes 0` skips the summaries).

use std::time::{Duration, Instant};

use futures::future::join_all;
use rectify_campaign::ServiceName;
use rectify_coordinator::Coordinator;
use rectify_kit::auth::PartyKind;
use rectify_kit::service::Service;
use rectify_proto::coordinator::v1 as cpb;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_proto::registry::v1 as rpb;
use rectify_proto::workitems::v1 as pb;
use rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient;
use rectify_testkit::bench::{Figures, arg, drive};
use rectify_testkit::county::{County, at};
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::{WorkItemHarness as _, spawn_following_all};
use rectify_testkit::{Backend, TestService, authorized};
use tonic::transport::Channel;

/// The county's clock: mid-campaign, 10:00 CST on 15 October 2021, the day the plans are
/// published.
const PUBLISHED: &str = "2021-10-15T10:00:00+08:00";

/// The load's enterprises are in the first this many of [`JURISDICTIONS`]; each lane's probe in
/// one of the five after them.
const LOAD_TOWNSHIPS: usize = 7;

/// The township of the `b`th lane's probe.
fn probe_township(b: usize) -> &'static str {
    JURISDICTIONS[LOAD_TOWNSHIPS + b]
}

/// A probe's enterprises in `township`: a close and an upgrade plan, so that every bureau has
/// an item among them.
async fn probe_plans(county: &County, township: &str) -> [Plan; 2] {
    let registry = &county.registry;
    [
        (
            registry
                .publish_close_plan(township, &format!("{township}探测作坊"))
                .await,
            CLOSE_ITEMS,
        ),
        (
            registry
                .publish_upgrade_plan(
                    township,
                    &format!("{township}探测改造作坊"),
                    missing_approvals(),
                )
                .await,
            UPGRADE_ITEMS,
        ),
    ]
}

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

/// How long a probe waits for the coordinator's summary to show its update.
const PROBE_PATIENCE: Duration = Duration::from_secs(30);

/// How long the coordinator is given to work off what it is behind by once the load stops.
const CATCH_UP_PATIENCE: Duration = Duration::from_secs(300);

/// The five bureau services, each under `rate / 5` of the load (the first `--services` of them
/// under `rate / services`).
const BUREAUS: [ServiceName; 5] = [
    ServiceName::Utilities,
    ServiceName::Licensing,
    ServiceName::Land,
    ServiceName::Safety,
    ServiceName::Environment,
];

/// How many items a close plan gives each of [`BUREAUS`].
const CLOSE_ITEMS: [usize; 5] = [6, 2, 1, 0, 1];

/// How many items an upgrade plan missing the approvals [`missing_approvals`] leaves out gives
/// each of [`BUREAUS`]: the three supplementary approvals, the safety check, pollution control
/// and daily supervision.
const UPGRADE_ITEMS: [usize; 5] = [0, 3, 0, 1, 2];

/// An upgrade plan's workshop holds its business licence only.
fn missing_approvals() -> rpb::Approvals {
    rpb::Approvals {
        environmental: Some(false),
        safety: Some(false),
        water_intake: Some(false),
        business_licence: Some(true),
        ..Default::default()
    }
}

/// One bureau service under load: where it answers, the items its load clients take turns on
/// and the probe's item, each with a token of the item's executor for the service.
struct Lane {
    service: ServiceName,
    channel: Channel,
    load: Vec<(String, String)>,
    probe: (String, String),
}

/// A published plan: its enterprise and how many items it gives each of [`BUREAUS`].
type Plan = (String, [usize; 5]);

/// The items `plans` give the `b`th of [`BUREAUS`], `service`, each with a token of its
/// executor (a township or farm, or a bureau) for the service.
async fn items_with_tokens<S: Service>(
    service: &TestService<S>,
    b: usize,
    plans: &[Plan],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (enterprise, counts) in plans.iter().filter(|(_, counts)| counts[b] > 0) {
        for item in service.items_of(enterprise, counts[b]).await {
            let kind = if JURISDICTIONS.contains(&item.executor.as_str()) {
                PartyKind::Jurisdiction
            } else {
                PartyKind::Bureau
            };
            out.push((item.name, service.token(&item.executor, kind, &[])));
        }
    }
    out
}

/// The lane of the `b`th of [`BUREAUS`], `service`: its items of the load's `plans` and its
/// first item of the probe's `probes`.
async fn lane<S: Service>(
    service: &TestService<S>,
    b: usize,
    plans: &[Plan],
    probes: &[Plan],
) -> Lane {
    let load = items_with_tokens(service, b, plans).await;
    let probe = items_with_tokens(service, b, probes)
        .await
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{} has no item of the probe's enterprises", BUREAUS[b]));
    Lane {
        service: BUREAUS[b],
        channel: service.channel(),
        load,
        probe,
    }
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

/// One load client: from `start` until `stop`, one update every `period` on its own `items`
/// in turn (blocking them on one pass, unblocking them on the next). Ticks it falls behind on
/// are made up as soon as it can (the offered load stays at the target rate); each update's
/// answer is returned as (when it came, after `start`; how long the call took).
async fn load_client(
    channel: Channel,
    items: Vec<(String, String)>,
    period: Duration,
    (start, stop): (Instant, Instant),
) -> Vec<(Duration, Duration)> {
    let mut client = WorkItemServiceClient::new(channel);
    let mut tick = tokio::time::interval_at(start.into(), period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut answers = Vec::new();
    let mut n = 0;
    while !items.is_empty() {
        tick.tick().await;
        if Instant::now() >= stop {
            break;
        }
        let (item, token) = &items[n % items.len()];
        let block = (n / items.len()).is_multiple_of(2);
        let sent = Instant::now();
        update(&mut client, token, item, block).await;
        let answered = Instant::now();
        answers.push((answered - start, answered - sent));
        n += 1;
    }
    answers
}

/// How often a probe reads its township's summary while it waits: five probes reading every
/// 25 ms are 200 reads a second (reading much more often takes the CPU the coordinator needs);
/// a delay is measured to within that.
const PROBE_POLL: Duration = Duration::from_millis(25);

/// One probe: from `start` until `stop`, blocks its `item`, then unblocks it, and so on; after
/// each answer reads its township's summary until the summary shows the update. Returns each
/// update's delay, and false when one was not shown within [`PROBE_PATIENCE`] (counted at the
/// patience, a lower bound; the probe stops there, as its next update would undo this one).
async fn probe(
    mut items: WorkItemServiceClient<Channel>,
    (item, token): (String, String),
    (mut summaries, township): (CoordinatorServiceClient<Channel>, String),
    (start, stop): (Instant, Instant),
) -> (Vec<Duration>, bool) {
    tokio::time::sleep_until(start.into()).await;
    let (mut delays, mut block) = (Vec::new(), true);
    while Instant::now() < stop {
        update(&mut items, &token, &item, block).await;
        let committed = Instant::now();
        loop {
            let s = summaries
                .get_summary(authorized(cpb::GetSummaryRequest {}, &township))
                .await
                .expect("summary")
                .into_inner();
            if (s.items_blocked == 1) == block {
                break;
            }
            if committed.elapsed() > PROBE_PATIENCE {
                delays.push(committed.elapsed());
                return (delays, false);
            }
            tokio::time::sleep(PROBE_POLL).await;
        }
        delays.push(committed.elapsed());
        block = !block;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    (delays, true)
}

/// Every coordinator audit anchor's seq, by service.
async fn applied(coordinator: &TestService<Coordinator>) -> Vec<(String, i64)> {
    CoordinatorServiceClient::new(coordinator.channel())
        .get_audit_anchors(authorized(
            cpb::GetAuditAnchorsRequest::default(),
            &coordinator.office(),
        ))
        .await
        .expect("anchors")
        .into_inner()
        .anchors
        .into_iter()
        .map(|a| (a.service, a.seq))
        .collect()
}

fn seq_of(anchors: &[(String, i64)], service: ServiceName) -> i64 {
    anchors
        .iter()
        .find(|(name, _)| name == service.as_str())
        .map_or(0, |(_, seq)| *seq)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

async fn propagation(seconds: u64, rate: u64, (services, clients): (usize, usize), plans: usize) {
    let county = County::spawn(Backend::Postgres, at(PUBLISHED))
        .await
        .expect("PostgreSQL on 127.0.0.1:5432");
    let coordinator = spawn_following_all::<Coordinator>(
        Backend::Postgres,
        county.registry.keys.clone(),
        &county.peers(),
        &county.clock,
    )
    .await
    .expect("PostgreSQL");
    // Load enterprises in the first LOAD_TOWNSHIPS townships, close and upgrade plans by turns
    // (an upgrade plan is the only one with a safety item); each lane's probe has the next
    // township to itself, so that its township's summary shows the probe's update alone.
    let mut enterprises = Vec::new();
    for p in 0..plans {
        let (township, name) = (
            JURISDICTIONS[p % LOAD_TOWNSHIPS],
            format!("负载第{p}号作坊"),
        );
        let registry = &county.registry;
        enterprises.push(if p % 2 == 0 {
            (
                registry.publish_close_plan(township, &name).await,
                CLOSE_ITEMS,
            )
        } else {
            let approvals = missing_approvals();
            let enterprise = registry
                .publish_upgrade_plan(township, &name, approvals)
                .await;
            (enterprise, UPGRADE_ITEMS)
        });
    }
    let mut lanes = Vec::new();
    for (b, service) in BUREAUS
        .iter()
        .enumerate()
        .take(services.clamp(1, BUREAUS.len()))
    {
        let probes = probe_plans(&county, probe_township(b)).await;
        lanes.push(match service {
            ServiceName::Utilities => lane(&county.utilities, b, &enterprises, &probes).await,
            ServiceName::Licensing => lane(&county.licensing, b, &enterprises, &probes).await,
            ServiceName::Land => lane(&county.land, b, &enterprises, &probes).await,
            ServiceName::Safety => lane(&county.safety, b, &enterprises, &probes).await,
            _ => lane(&county.environment, b, &enterprises, &probes).await,
        });
    }
    for l in &lanes {
        println!(
            "{}: {} load items in {plans} enterprises",
            l.service,
            l.load.len()
        );
    }
    // The probes measure propagation under load, not the setup's backlog.
    rectify_testkit::coordinator::caught_up(
        || county.heads(),
        coordinator.channel(),
        &coordinator.office(),
    )
    .await;

    let lane_rate = rate as f64 / lanes.len() as f64;
    let start = Instant::now() + Duration::from_millis(100);
    let stop = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (b, l) in lanes.iter().enumerate() {
        let clients = clients.min(l.load.len());
        let period = Duration::from_secs_f64(clients as f64 / lane_rate);
        for c in 0..clients {
            let mine = l.load.iter().skip(c).step_by(clients).cloned().collect();
            let client = load_client(l.channel.clone(), mine, period, (start, stop));
            tasks.push((b, tokio::spawn(client)));
        }
    }
    // The probes, one per lane at once, each on its own township.
    let probes: Vec<_> = lanes
        .iter()
        .enumerate()
        .map(|(b, l)| {
            let township = coordinator.token(probe_township(b), PartyKind::Jurisdiction, &[]);
            let summaries = CoordinatorServiceClient::new(coordinator.channel());
            tokio::spawn(probe(
                WorkItemServiceClient::new(l.channel.clone()),
                l.probe.clone(),
                (summaries, township),
                (start, stop),
            ))
        })
        .collect();
    let mut delays: Vec<Vec<Duration>> = Vec::new();
    let mut unseen = None;
    for (l, task) in lanes.iter().zip(probes) {
        let (d, seen) = task.await.expect("probe");
        if !seen {
            unseen = Some(l.service);
        }
        delays.push(d);
    }
    let probing = start.elapsed();
    let stopped = Instant::now();
    let applied_at_stop = applied(&coordinator).await;

    // What the load achieved: the updates answered inside the window, overall, per lane and
    // per whole second.
    let window = stop - start;
    let mut answered: Vec<Vec<(Duration, Duration)>> = vec![Vec::new(); lanes.len()];
    for (b, task) in tasks {
        answered[b].extend(task.await.expect("load client"));
    }
    let mut per_second = vec![0usize; usize::try_from(seconds).unwrap_or(0)];
    let mut total = 0;
    for answers in &answered {
        for (at, _) in answers.iter().filter(|(at, _)| *at < window) {
            total += 1;
            let second = usize::try_from(at.as_secs()).unwrap_or(usize::MAX);
            if let Some(count) = per_second.get_mut(second) {
                *count += 1;
            }
        }
    }
    let achieved = total as f64 / window.as_secs_f64();
    println!(
        "load: {total} updates answered in {:.1} s = {achieved:.0} /s (target {rate} /s over {} \
         services, {clients} clients each): target {}",
        window.as_secs_f64(),
        lanes.len(),
        if achieved >= rate as f64 * 0.99 {
            "reached"
        } else {
            "NOT reached"
        }
    );
    per_second.sort_unstable();
    println!(
        "  per whole second: min {} / median {} / max {}",
        per_second.first().unwrap_or(&0),
        per_second.get(per_second.len() / 2).unwrap_or(&0),
        per_second.last().unwrap_or(&0),
    );
    for (l, answers) in lanes.iter().zip(&answered) {
        let inside: Vec<Duration> = answers
            .iter()
            .filter(|(at, _)| *at < window)
            .map(|(_, took)| *took)
            .collect();
        let calls = Figures::of(inside, window);
        println!(
            "  {:<12} {:>6} updates = {:>5.0} /s (target {lane_rate:.0} /s)  call p50 {:.2} ms  \
             p99 {:.2} ms",
            l.service.as_str(),
            calls.count,
            calls.rate(),
            ms(calls.percentile(0.5)),
            ms(calls.percentile(0.99)),
        );
    }
    if let Some(service) = unseen {
        println!(
            "  a probe via {service} was not in the summary after {} s: counted as {0} s (a \
             lower bound), probing stopped",
            PROBE_PATIENCE.as_secs()
        );
    }
    let all: Vec<Duration> = delays.iter().flatten().copied().collect();
    Figures::of(all, probing).print("update -> coordinator summary");
    for (l, d) in lanes.iter().zip(&delays) {
        let f = Figures::of(d.clone(), probing);
        println!(
            "  via {:<12} {:>3} probes  p50 {:.2} ms  p99 {:.2} ms",
            l.service.as_str(),
            f.count,
            ms(f.percentile(0.5)),
            ms(f.percentile(0.99)),
        );
    }

    // How fast the coordinator works off what it was behind by when the load stopped.
    let heads: Vec<(ServiceName, i64)> = {
        let county = &county;
        join_all(
            lanes
                .iter()
                .map(|l| async move { (l.service, head_of(county, l.service).await) }),
        )
        .await
    };
    let behind: i64 = heads
        .iter()
        .map(|(s, head)| head - seq_of(&applied_at_stop, *s))
        .sum();
    let mut left = behind;
    while left > 0 && stopped.elapsed() < CATCH_UP_PATIENCE {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let now = applied(&coordinator).await;
        left = heads
            .iter()
            .map(|(s, head)| (head - seq_of(&now, *s)).max(0))
            .sum();
    }
    let took = stopped.elapsed().as_secs_f64();
    let each = heads
        .iter()
        .map(|(s, head)| format!("{s} {}", head - seq_of(&applied_at_stop, *s)))
        .collect::<Vec<_>>()
        .join(", ");
    println!(
        "coordinator catching up: {} of {behind} changes ({each}) applied in {took:.2} s = \
         {:.0} /s",
        behind - left,
        (behind - left) as f64 / took
    );
    coordinator.server.shutdown().await;
    county.shutdown().await;
}

/// `service`'s feed head once its sequencer has numbered every committed change.
async fn head_of(county: &County, service: ServiceName) -> i64 {
    match service {
        ServiceName::Utilities => county.utilities.settled_head(0).await,
        ServiceName::Licensing => county.licensing.settled_head(0).await,
        ServiceName::Land => county.land.settled_head(0).await,
        ServiceName::Safety => county.safety.settled_head(0).await,
        ServiceName::Environment => county.environment.settled_head(0).await,
        _ => county.registry.settled_head(0).await,
    }
}

#[tokio::main]
async fn main() {
    let seconds = arg("--seconds", 5);
    summary_latency(arg("--sizes", 1_000_000), seconds).await;
    propagation(
        seconds.max(10),
        arg("--rate", 1000),
        (
            usize::try_from(arg("--services", 5)).unwrap_or(5),
            usize::try_from(arg("--clients", 8)).unwrap_or(8),
        ),
        usize::try_from(arg("--plans", 60)).unwrap_or(60),
    )
    .await;
}
