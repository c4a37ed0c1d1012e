//! ReportFinding throughput and latency over gRPC on PostgreSQL with N
//! concurrent clients, against the same store transaction issued directly
//! through sqlx on the same database in the same run.
//!
//! A second gRPC run after the direct one shows whether order (table size,
//! warm caches) moves the figures.
//!
//! `cargo bench -p rectify-registry --bench report_finding -- [--clients 32] [--seconds 10] [--pool 16]`

use std::sync::Arc;
use std::time::{Duration, Instant};

use rectify_kit::CallContext;
use rectify_kit::auth::{PartyKind, Principal};
use rectify_kit::db::Db;
use rectify_kit::journal::Journal;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_registry::app::MIGRATIONS;
use rectify_registry::domain::{
    Address, Campaign, Criteria, EnterpriseName, FindingSource, NewFinding, Operator,
};
use rectify_registry::store::Store;
use rectify_testkit::{Backend, RunningServer, TestDb, TestKeys, authorized};

use rectify_registry::testing as common;

struct Figures {
    count: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

impl Figures {
    fn rate(&self) -> f64 {
        self.count as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        let i = ((self.latencies.len() as f64 - 1.0) * p).round() as usize;
        self.latencies[i]
    }

    fn print(&self, label: &str) {
        println!(
            "{label:<28} {:>8} calls  {:>9.0} /s  p50 {:>7.2} ms  p99 {:>7.2} ms",
            self.count,
            self.rate(),
            self.percentile(0.50).as_secs_f64() * 1e3,
            self.percentile(0.99).as_secs_f64() * 1e3,
        );
    }
}

/// Runs `clients` loops of `call` for `seconds`, timing every call.
async fn drive<F, Fut>(clients: usize, seconds: u64, call: F) -> Figures
where
    F: Fn(usize, usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let call = Arc::new(call);
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let call = call.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut i = 0;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    call(c, i).await;
                    latencies.push(t.elapsed());
                    i += 1;
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.expect("client task"));
    }
    let elapsed = start.elapsed();
    latencies.sort();
    Figures {
        count: latencies.len(),
        elapsed,
        latencies,
    }
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn new_finding(tag: &str, c: usize, i: usize) -> NewFinding {
    NewFinding {
        source: FindingSource::TownshipSurvey,
        enterprise_name: EnterpriseName::parse(&format!("{tag}第{c}组第{i}号作坊")).expect("name"),
        credit_code: None,
        operator: Operator::default(),
        address: Address::parse(&format!("悦来镇{c}村{i}组")).expect("address"),
        jurisdiction: "yuelai".into(),
        location: None,
        industry: "粮食加工".into(),
        criteria: Criteria::default(),
        note: String::new(),
    }
}

/// ReportFinding over gRPC from `clients` clients; `phase` keeps names and
/// request_ids unique per phase.
async fn grpc_phase(
    clients: usize,
    seconds: u64,
    channel: tonic::transport::Channel,
    token: String,
    phase: &'static str,
) -> Figures {
    drive(clients, seconds, move |c, i| {
        let mut client = RegistryServiceClient::new(channel.clone());
        let token = token.clone();
        async move {
            let mut f = common::finding("yuelai", &format!("{phase}第{c}组第{i}号作坊"));
            f.address = format!("悦来镇{c}村{i}组");
            client
                .report_finding(authorized(
                    pb::ReportFindingRequest {
                        request_id: format!("{phase}-{c}-{i}"),
                        finding: Some(f),
                    },
                    &token,
                ))
                .await
                .expect("report over gRPC");
        }
    })
    .await
}

#[tokio::main]
async fn main() {
    let clients = arg("--clients", 32) as usize;
    let seconds = arg("--seconds", 10);
    let db = TestDb::create(Backend::Postgres)
        .await
        .expect("PostgreSQL on 127.0.0.1:5432 is required");
    let keys = TestKeys::new();
    let config = common::config(&db.url, &keys.jwks_path);
    let server = RunningServer::start(move |listener, stop| async move {
        rectify_registry::App::build(config, listener, stop)
            .await?
            .run_until_stopped()
            .await
    })
    .await;
    println!("ReportFinding, {clients} concurrent clients, {seconds} s each, PostgreSQL");

    let pool = Db::open(&db.url, arg("--pool", 16) as u32)
        .await
        .expect("pool");
    pool.migrate(MIGRATIONS).await.expect("migrated");
    let campaign = Arc::new(Campaign::huachuan_2021());
    let store = Store::new(Journal::new(pool), campaign);
    let principal = Principal {
        subject: "bench".into(),
        party: "yuelai".into(),
        kind: PartyKind::Jurisdiction,
        roles: vec![],
    };
    let token = keys.token("registry", "yuelai", PartyKind::Jurisdiction, &[]);
    let grpc = grpc_phase(clients, seconds, server.channel(), token.clone(), "gRPC").await;

    let direct = drive(clients, seconds, move |c, i| {
        let store = store.clone();
        let ctx = CallContext::new(
            principal.clone(),
            "ReportFinding",
            &format!("d{c}-{i}"),
            String::new(),
        )
        .expect("context");
        async move {
            store
                .report_finding(&ctx, &new_finding("直连", c, i))
                .await
                .expect("direct report");
        }
    })
    .await;

    let grpc_again = grpc_phase(clients, seconds, server.channel(), token, "again").await;

    grpc.print("gRPC ReportFinding");
    direct.print("direct sqlx transaction");
    grpc_again.print("gRPC ReportFinding (again)");
    println!("ratio gRPC / direct: {:.2}", grpc.rate() / direct.rate());
    server.shutdown().await;
}
