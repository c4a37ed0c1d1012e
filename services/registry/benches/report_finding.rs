//! ReportFinding throughput and latency over gRPC on PostgreSQL with N
//! concurrent clients, against the same store transaction issued directly
//! through sqlx on the same database in the same run.
//!
//! A second gRPC run after the direct one shows whether order (table size,
//! warm caches) moves the figures.
//!
//! `cargo bench -p rectify-registry --bench report_finding -- [--clients 32] [--seconds 10] [--pool 16]`

use std::sync::Arc;

use rectify_kit::CallContext;
use rectify_kit::auth::{PartyKind, Principal};
use rectify_kit::db::Db;
use rectify_kit::journal::Journal;
use rectify_kit::service::Service as _;
use rectify_proto::registry::v1 as pb;
use rectify_proto::registry::v1::registry_service_client::RegistryServiceClient;
use rectify_registry::Registry;
use rectify_registry::domain::{
    Address, Campaign, Criteria, EnterpriseName, FindingSource, NewFinding, Operator,
};
use rectify_registry::store::Store;
use rectify_testkit::bench::{Figures, arg, drive};
use rectify_testkit::{Backend, TestDb, TestKeys, authorized};

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
            let mut f =
                rectify_testkit::registry::finding("yuelai", &format!("{phase}第{c}组第{i}号作坊"));
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
    let server =
        rectify_testkit::start::<Registry>(rectify_testkit::args(&db.url, &keys.jwks_path)).await;
    println!("ReportFinding, {clients} concurrent clients, {seconds} s each, PostgreSQL");

    let pool = Db::open(&db.url, arg("--pool", 16) as u32)
        .await
        .expect("pool");
    pool.migrate(Registry::MIGRATIONS).await.expect("migrated");
    let campaign = Arc::new(Campaign::huachuan_2021());
    let store = Store::new(
        Journal::new(pool),
        campaign,
        rectify_kit::clock::Clock::system(),
    );
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
        let finding = new_finding("直连", c, i);
        let request = pb::ReportFindingRequest {
            request_id: format!("d{c}-{i}"),
            finding: None,
        };
        let ctx = CallContext::new(principal.clone(), "ReportFinding", &request).expect("context");
        async move {
            store
                .report_finding(&ctx, &finding)
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
