//! The spreadsheets at a township's and a county's size: a survey sheet of N lines read and
//! imported in one `ImportFindings`, then the ledger of those N enterprises read from the
//! registry and the coordinator and written as XLSX and CSV. Prints each step's time and the
//! files' sizes; asserts nothing about them.
//!
//! `cargo bench -p rectify-dashboard --bench sheets -- [--rows 2000]` (PostgreSQL when
//! `RECTIFY_TEST_PG_URL` is set, else SQLite)

use std::sync::Arc;
use std::time::Instant;

use rectify_campaign::{Campaign, HUACHUAN_2021, ServiceName};
use rectify_coordinator::Coordinator;
use rectify_dashboard::DashboardConfig;
use rectify_dashboard::coordinator::{CoordinatorClient, CoordinatorSettings};
use rectify_dashboard::import::{findings, sheet};
use rectify_dashboard::ledger::{LedgerFilter, OfficeRegistry, rows, xlsx};
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::bench::arg;
use rectify_testkit::workitems::spawn_following_all;
use rectify_testkit::{Backend, TestService};
use rust_xlsxwriter::Workbook;

/// A survey sheet of `n` workshops in 悦来镇, title and header first.
fn survey(n: usize) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet
        .write_string(0, 0, "悦来镇“散乱污”企业（作坊）排查情况登记表")
        .expect("title");
    for (c, h) in [
        "序号",
        "企业（作坊）名称",
        "详细地址",
        "经度",
        "纬度",
        "存在问题",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, c as u16, *h).expect("header");
    }
    for i in 0..n {
        let r = (i + 2) as u32;
        sheet.write_number(r, 0, (i + 1) as f64).expect("number");
        sheet
            .write_string(r, 1, format!("悦来镇第{i}号作坊"))
            .expect("name");
        sheet
            .write_string(r, 2, format!("悦来镇太平村{i}组"))
            .expect("address");
        sheet.write_number(r, 3, 130.7).expect("longitude");
        sheet.write_number(r, 4, 46.9).expect("latitude");
        sheet
            .write_string(r, 5, "废气直排，群众反映强烈")
            .expect("problems");
    }
    workbook.save_to_buffer().expect("xlsx")
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n = arg("--rows", 2000) as usize;
    let backend = if std::env::var("RECTIFY_TEST_PG_URL").is_ok() {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    let registry = TestService::<Registry>::spawn(backend)
        .await
        .expect("registry");
    let coordinator = spawn_following_all::<Coordinator>(
        backend,
        registry.keys.clone(),
        &[(ServiceName::Registry, registry.server.addr)],
        &Clock::system(),
    )
    .await
    .expect("coordinator");
    let token = registry.keys.token_for(
        &["registry", "coordinator"],
        "office",
        PartyKind::Office,
        &[],
    );
    let campaign = Arc::new(Campaign::from_toml_str(HUACHUAN_2021).expect("campaign"));
    let mut config = DashboardConfig::new(campaign.clone());
    config.registry_url = Some(format!("http://{}", registry.server.addr));
    let settings = CoordinatorSettings {
        url: format!("http://{}", coordinator.server.addr),
        token: token.clone().into(),
    };
    let coordinator_client = CoordinatorClient::connect_lazy(&settings).expect("coordinator");
    config.coordinator = Some(settings);
    config.registry_token = Some(token.into());
    let registry_client = OfficeRegistry::from_config(&config)
        .expect("registry")
        .expect("configured");

    let file = survey(n);
    let start = Instant::now();
    let lines = sheet::read(&file).expect("the survey reads");
    let read_ms = ms(start);
    let batch: Vec<pb::Finding> = lines
        .iter()
        .map(|row| findings::finding(row, "yuelai").expect("a good row"))
        .collect();
    let start = Instant::now();
    let answer = registry_client
        .client()
        .import_findings(pb::ImportFindingsRequest {
            request_id: "bench".into(),
            jurisdiction: "yuelai".into(),
            findings: batch,
            entered_by: "bench".into(),
        })
        .await
        .expect("import")
        .into_inner();
    let import_ms = ms(start);

    let start = Instant::now();
    let ledger = rows::ledger(
        &registry_client,
        Some(&coordinator_client),
        &campaign,
        &LedgerFilter::default(),
    )
    .await
    .expect("ledger");
    let ledger_ms = ms(start);
    let start = Instant::now();
    let workbook = xlsx::workbook("台账", &ledger).expect("xlsx");
    let xlsx_ms = ms(start);
    let start = Instant::now();
    let csv = rectify_dashboard::ledger::csv::document(&ledger).expect("csv");
    let csv_ms = ms(start);

    println!(
        "backend {backend:?}, {n} survey lines ({} KiB XLSX)",
        file.len() / 1024
    );
    println!("read the sheet (calamine):             {read_ms:>9.1} ms");
    println!(
        "ImportFindings, {:>5} findings:        {import_ms:>9.1} ms",
        answer.findings.len()
    );
    println!(
        "ledger rows from registry+coordinator: {ledger_ms:>9.1} ms ({} rows)",
        ledger.len()
    );
    println!(
        "ledger as XLSX (rust_xlsxwriter):      {xlsx_ms:>9.1} ms ({} KiB)",
        workbook.len() / 1024
    );
    println!(
        "ledger as CSV:                         {csv_ms:>9.1} ms ({} KiB)",
        csv.len() / 1024
    );
}
