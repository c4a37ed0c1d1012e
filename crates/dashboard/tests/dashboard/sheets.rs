//! The ledger's export and the survey import over HTTP: a real registry, a coordinator
//! following it and the dashboard under the office token. The XLSX and CSV read back (with
//! calamine and csv) hold one row per enterprise, equal to what the registry and the coordinator
//! say; a survey sheet imports whole or not at all, with every bad line named in Chinese.

use std::time::Duration;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use rectify_campaign::ServiceName;
use rectify_coordinator::Coordinator;
use rectify_dashboard::coordinator::CoordinatorSettings;
use rectify_dashboard::ledger::HEADERS;
use rectify_dashboard::{NewUser, Role};
use rectify_kit::auth::PartyKind;
use rectify_kit::clock::Clock;
use rectify_proto::coordinator::v1 as coord;
use rectify_proto::coordinator::v1::coordinator_service_client::CoordinatorServiceClient;
use rectify_proto::registry::v1 as pb;
use rectify_registry::Registry;
use rectify_testkit::registry::{RegistryHarness as _, finding};
use rectify_testkit::workitems::spawn_following_all;
use rectify_testkit::{Backend, TestService, authorized};
use rust_xlsxwriter::Workbook;

use crate::common::{
    GOOD_PASSWORD, TestDashboard, get_with_session, http, location, session_cookie, start_of_test,
};

/// A registry, a coordinator following it (on the dashboard's clock, 2021-11-22, inside the
/// campaign), and a dashboard reading both under the office token, with an office user `zhang.san` and a government user `gov.li`.
pub struct Scene {
    pub registry: TestService<Registry>,
    pub coordinator: TestService<Coordinator>,
    pub dashboard: TestDashboard,
}

impl Scene {
    pub async fn spawn() -> Option<Scene> {
        let registry = TestService::<Registry>::spawn(Backend::Sqlite).await?;
        let coordinator = spawn_following_all::<Coordinator>(
            Backend::Sqlite,
            registry.keys.clone(),
            &[(ServiceName::Registry, registry.server.addr)],
            &Clock::fixed(start_of_test()),
        )
        .await?;
        let token = registry.keys.token_for(
            &["registry", "coordinator"],
            "office",
            PartyKind::Office,
            &[],
        );
        let (registry_url, coordinator_url) = (
            format!("http://{}", registry.server.addr),
            format!("http://{}", coordinator.server.addr),
        );
        let dashboard =
            TestDashboard::start_with(Backend::Sqlite, Clock::fixed(start_of_test()), |config| {
                config.registry_url = Some(registry_url);
                config.coordinator = Some(CoordinatorSettings {
                    url: coordinator_url,
                    token: token.clone().into(),
                });
                config.registry_token = Some(token.into());
            })
            .await?;
        dashboard.add_user("zhang.san", GOOD_PASSWORD, false).await;
        let government = NewUser {
            login: "gov.li".to_owned(),
            display_name: "李督导".to_owned(),
            role: Role::Government,
            password_hash: rectify_dashboard::password::hash(GOOD_PASSWORD).expect("hash"),
            must_change_password: false,
        };
        dashboard
            .store
            .add_user(&government, dashboard.clock.now())
            .await
            .expect("add government user");
        Some(Scene {
            registry,
            coordinator,
            dashboard,
        })
    }

    /// Two published plans, one enterprise only reported, one rejected; waits until the
    /// coordinator shows both plans.
    pub async fn seed(&self) {
        self.registry
            .publish_close_plan("yuelai", "悦来镇兴旺塑料颗粒厂")
            .await;
        self.registry
            .publish_upgrade_plan("donghe", "东河乡红星砖瓦厂", Default::default())
            .await;
        let office = self.registry.office();
        self.registry
            .report(&office, "s1", finding("lifeng", "梨丰乡福源米业"))
            .await;
        let rejected = self
            .registry
            .report(&office, "s2", finding("lifeng", "梨丰乡正规面粉厂"))
            .await;
        self.registry
            .registry()
            .reject_enterprise(authorized(
                pb::RejectEnterpriseRequest {
                    request_id: "s3".into(),
                    name: rejected.enterprise.expect("enterprise").name,
                    etag: String::new(),
                    reason: "手续齐全，不属于散乱污".into(),
                },
                &office,
            ))
            .await
            .expect("reject");
        let token = self.coordinator.token("office", PartyKind::Office, &[]);
        for _ in 0..400 {
            let progress = CoordinatorServiceClient::new(self.coordinator.channel())
                .list_enterprise_progress(authorized(
                    coord::ListEnterpriseProgressRequest::default(),
                    &token,
                ))
                .await
                .expect("progress")
                .into_inner()
                .enterprises;
            if progress.iter().filter(|p| p.measures > 0).count() == 2 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the coordinator did not show the two published plans");
    }

    pub async fn session(&self, login: &str) -> String {
        session_cookie(&self.dashboard, login, GOOD_PASSWORD).await
    }

    /// The enterprises on the list as the registry says (rejected ones are not on it).
    pub async fn listed(&self) -> Vec<pb::Enterprise> {
        self.registry
            .all_enterprises()
            .await
            .into_iter()
            .filter(|e| e.state() != pb::LifecycleState::Rejected)
            .collect()
    }
}

/// Every row of the first worksheet of `bytes`, each cell as text.
pub fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX workbook");
    let range = workbook
        .worksheet_range_at(0)
        .expect("a worksheet")
        .expect("readable");
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// What the ledger must say of `enterprise`: name, credit code, township, category, measures,
/// responsible person, deadline, completion.
async fn expected_row(scene: &Scene, e: &pb::Enterprise) -> Vec<String> {
    let campaign = rectify_campaign::Campaign::from_toml_str(rectify_campaign::HUACHUAN_2021)
        .expect("campaign");
    let township = campaign
        .party(&e.jurisdiction)
        .expect("a township")
        .name
        .clone();
    if e.state() == pb::LifecycleState::Reported {
        return vec![
            e.display_name.clone(),
            e.credit_code.clone(),
            township,
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "待确认".into(),
        ];
    }
    let plan = scene.registry.plan(&e.name).await;
    let category = match plan.category() {
        pb::Category::Close => "关停取缔",
        pb::Category::Upgrade => "升级改造",
        pb::Category::Relocate => "集聚搬迁",
        other => panic!("unexpected category {other:?}"),
    };
    let measures: Vec<&str> = plan.measures.iter().map(|m| m.title.as_str()).collect();
    vec![
        e.display_name.clone(),
        e.credit_code.clone(),
        township,
        category.into(),
        measures.join("；"),
        plan.responsible_person.clone(),
        plan.deadline.clone(),
        format!("整治中 0/{}", plan.measures.len()),
    ]
}

/// The columns [`expected_row`] checks, picked from a ledger row.
fn checked(row: &[String]) -> Vec<String> {
    [1, 2, 3, 5, 6, 8, 9, 10]
        .iter()
        .map(|&i| row[i].clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_xlsx_and_csv_ledgers_hold_one_row_per_enterprise_as_the_services_say() {
    let Some(scene) = Scene::spawn().await else {
        return;
    };
    scene.seed().await;
    let session = scene.session("zhang.san").await;

    let response = get_with_session(&scene.dashboard, "/ledger.xlsx", &session).await;
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"ledger-20211122.xlsx\"; filename*=UTF-8''")
            && disposition.contains("%E5%8F%B0%E8%B4%A6"),
        "a Chinese file name with an ASCII fallback: {disposition}"
    );
    let rows = xlsx_rows(&response.bytes().await.expect("body"));
    assert!(rows[0][0].contains("台账"), "a title row: {:?}", rows[0]);
    assert_eq!(rows[1], HEADERS, "the header row");
    let data = &rows[2..];

    let listed = scene.listed().await;
    assert_eq!(
        data.len(),
        3,
        "one row per enterprise on the list, the rejected one left out"
    );
    assert_eq!(data.len(), listed.len());
    for (i, (row, e)) in data.iter().zip(&listed).enumerate() {
        assert_eq!(row[0], (i + 1).to_string(), "序号");
        assert_eq!(
            checked(row),
            expected_row(&scene, e).await,
            "row of {}",
            e.display_name
        );
    }
    assert!(
        data[0][4].contains("不符合国家产业政策"),
        "存在问题 from the criteria: {:?}",
        data[0]
    );

    let response = get_with_session(&scene.dashboard, "/ledger.csv", &session).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/csv"),
        "CSV"
    );
    let body = response.bytes().await.expect("body");
    assert!(
        body.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with a byte-order mark"
    );
    let mut reader = csv::Reader::from_reader(&body[3..]);
    let headers: Vec<String> = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, HEADERS, "the CSV's header");
    let csv_rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(csv_rows, data, "the CSV holds the same rows as the XLSX");

    let response = get_with_session(
        &scene.dashboard,
        "/ledger.xlsx?jurisdiction=yuelai",
        &session,
    )
    .await;
    let filtered = xlsx_rows(&response.bytes().await.expect("body"));
    assert_eq!(
        filtered.len(),
        3,
        "title, header and the one 悦来镇 enterprise"
    );
    assert_eq!(filtered[2][3], "悦来镇");
    let response = get_with_session(
        &scene.dashboard,
        "/ledger.xlsx?jurisdiction=nowhere",
        &session,
    )
    .await;
    assert_eq!(response.status(), 400, "an unknown township is refused");

    let government = scene.session("gov.li").await;
    let response = get_with_session(&scene.dashboard, "/ledger.csv", &government).await;
    assert_eq!(response.status(), 200, "government users export too");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ledger_and_the_import_need_a_login() {
    let Some(scene) = Scene::spawn().await else {
        return;
    };
    for path in [
        "/ledger.xlsx",
        "/ledger.csv",
        "/import",
        "/import/template.xlsx",
    ] {
        let response = http()
            .get(scene.dashboard.at(path))
            .send()
            .await
            .expect("GET");
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(location(&response), "/login?notice=login", "{path}");
    }
}

/// A survey sheet as townships fill it in: a merged title, the reporting unit, the header,
/// `rows` (in the template's 15 columns), a blank line and a signature footer.
pub fn survey(rows: &[[&str; 15]]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(
            0,
            0,
            0,
            14,
            "悦来镇“散乱污”企业（作坊）排查情况登记表",
            &plain,
        )
        .expect("title");
    sheet
        .write_string(1, 0, "填报单位（盖章）：悦来镇人民政府")
        .expect("unit");
    let headers = [
        "序号",
        "村（社区）",
        "企业（作坊）名称",
        "统一社会信用代码",
        "负责人",
        "联系电话",
        "详细地址",
        "经度",
        "纬度",
        "所属行业",
        "主要产品",
        "存在问题",
        "建议整治类型",
        "线索来源",
        "备注",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = ((r + 3) as u32, c as u16);
            match value.parse::<f64>() {
                Ok(n) if [0, 7, 8].contains(&c) => sheet.write_number(r, c, n).expect("number"),
                _ => sheet.write_string(r, c, *value).expect("text"),
            };
        }
    }
    let footer = (rows.len() + 4) as u32;
    sheet
        .write_string(footer, 0, "填表人：王晓明")
        .expect("footer");
    sheet
        .write_string(footer, 8, "审核人：李国强")
        .expect("footer");
    workbook.save_to_buffer().expect("xlsx")
}

/// A good survey row `n` of the workshop `name`.
pub fn good_row(n: &'static str, name: &'static str) -> [&'static str; 15] {
    [
        n,
        "太平村",
        name,
        "",
        "罗明",
        "13808164583",
        "悦来镇太平村4组",
        "130.6392",
        "46.925983",
        "塑料颗粒",
        "再生塑料颗粒",
        "废气直排",
        "关停取缔",
        "乡镇排查",
        "",
    ]
}

/// Posts `file` as `name` for `jurisdiction` through the import form, as `session`.
pub async fn post_survey(
    scene: &Scene,
    session: &str,
    jurisdiction: &str,
    file: Vec<u8>,
    csrf: bool,
) -> (u16, String) {
    let page = get_with_session(&scene.dashboard, "/import", session)
        .await
        .text()
        .await
        .expect("page");
    let mut form = reqwest::multipart::Form::new()
        .text("jurisdiction", jurisdiction.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(file).file_name("排查表.xlsx"),
        );
    if csrf {
        form = form.text("csrf_token", crate::common::csrf_token(&page));
    }
    let response = http()
        .post(scene.dashboard.at("/import"))
        .header("cookie", format!("rectify_session={session}"))
        .multipart(form)
        .send()
        .await
        .expect("POST /import");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_survey_imports_as_the_townships_findings_entered_by_the_user() {
    let Some(scene) = Scene::spawn().await else {
        return;
    };
    let session = scene.session("zhang.san").await;
    let file = survey(&[
        good_row("1", "悦来镇太平村鑫盛厂"),
        good_row("2", "悦来镇太平村顺发作坊"),
    ]);
    let (status, page) = post_survey(&scene, &session, "yuelai", file.clone(), true).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("已导入悦来镇排查表 2 条记录"), "{page}");
    let enterprises = scene.registry.all_enterprises().await;
    assert_eq!(enterprises.len(), 2, "both workshops");
    let findings = scene
        .registry
        .registry()
        .list_findings(authorized(
            pb::ListFindingsRequest {
                parent: enterprises[0].name.clone(),
                ..Default::default()
            },
            &scene.registry.office(),
        ))
        .await
        .expect("findings")
        .into_inner()
        .findings;
    assert_eq!(findings[0].reporter, "yuelai", "the township's report");
    assert_eq!(
        findings[0].entered_by, "zhang.san",
        "entered by the dashboard user"
    );
    assert!(
        findings[0].note.contains("存在问题：废气直排"),
        "{}",
        findings[0].note
    );
    let head = scene.registry.settled_head(2).await;

    let ledger = get_with_session(&scene.dashboard, "/ledger.csv", &session)
        .await
        .bytes()
        .await
        .expect("csv");
    let mut reader = csv::Reader::from_reader(&ledger[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(rows.len(), 2, "both imported workshops are on the ledger");
    for row in &rows {
        assert_eq!(
            &row[4], "废气直排",
            "存在问题 as the survey said it: {row:?}"
        );
        assert_eq!(&row[10], "待确认", "reported, not yet confirmed: {row:?}");
    }

    let (status, page) = post_survey(&scene, &session, "yuelai", file, true).await;
    assert_eq!(
        status, 200,
        "the same file again is answered as the first time: {page}"
    );
    assert_eq!(
        scene.registry.all_enterprises().await.len(),
        2,
        "nothing imported twice"
    );
    assert_eq!(
        scene.registry.settled_head(head).await,
        head,
        "no new change"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_townships_own_example_sheet_imports_whole_skipping_its_title_and_footer() {
    let Some(scene) = Scene::spawn().await else {
        return;
    };
    let session = scene.session("zhang.san").await;
    let file = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/township-survey-example.xlsx"
    ))
    .expect("fixture");
    let (status, page) = post_survey(&scene, &session, "yuelai", file, true).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("已导入悦来镇排查表 18 条记录"),
        "the 18 workshops, no title or footer line: {page}"
    );
    let findings: i32 = scene
        .registry
        .all_enterprises()
        .await
        .iter()
        .map(|e| e.finding_count)
        .sum();
    assert_eq!(findings, 18, "one finding per workshop line");
}

/// The bad uploads and what the page must say of each; none changes anything.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_surveys_are_refused_in_chinese_and_nothing_is_imported() {
    let Some(scene) = Scene::spawn().await else {
        return;
    };
    let session = scene.session("zhang.san").await;
    let mut bad_code = good_row("2", "悦来镇太平村顺发作坊");
    bad_code[3] = "91350100M000100Y4X";
    let mut outside = good_row("3", "悦来镇双河村福源加工作坊");
    outside[7] = "116.4";
    outside[8] = "39.9";
    let one_bad = survey(&[good_row("1", "悦来镇太平村鑫盛厂"), bad_code, outside]);
    let mut wrong_headers = Workbook::new();
    let sheet = wrong_headers.add_worksheet();
    for (c, h) in ["编号", "单位", "金额"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    sheet.write_string(1, 1, "某单位").expect("cell");
    let wrong_headers = wrong_headers.save_to_buffer().expect("xlsx");
    let mut empty = Workbook::new();
    empty.add_worksheet();
    let empty = empty.save_to_buffer().expect("xlsx");
    let mut oversized = survey(&[good_row("1", "悦来镇太平村鑫盛厂")]);
    oversized.resize(6 * 1024 * 1024, 0);
    let too_many = survey(&vec![good_row("1", "悦来镇太平村鑫盛厂"); 2001]);
    let cases: Vec<(&str, Vec<u8>, u16, Vec<&str>)> = vec![
        (
            "one bad row among good ones",
            one_bad,
            400,
            vec![
                "未导入任何数据",
                "第 5 行：统一社会信用代码：",
                "第 6 行：纬度：坐标不在本县范围内",
            ],
        ),
        (
            "a text file renamed",
            "序号,企业名称\n1,某厂\n".as_bytes().to_vec(),
            400,
            vec!["不是有效的 Excel 工作簿"],
        ),
        (
            "wrong headers",
            wrong_headers,
            400,
            vec!["未找到表头", "企业（作坊）名称"],
        ),
        ("an empty sheet", empty, 400, vec!["没有数据"]),
        ("over 5 MB", oversized, 413, vec!["文件过大"]),
        (
            "over 2000 lines",
            too_many,
            400,
            vec!["数据行过多", "本表 2001 行"],
        ),
    ];
    for (case, file, status, says) in cases {
        let (got, page) = post_survey(&scene, &session, "yuelai", file, true).await;
        assert_eq!(got, status, "{case}: {page}");
        for text in says {
            assert!(page.contains(text), "{case}: the page says {text}: {page}");
        }
        assert!(
            scene.registry.all_enterprises().await.is_empty(),
            "{case}: nothing imported"
        );
        assert_eq!(
            scene.registry.feed_head().await,
            0,
            "{case}: no change recorded"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_government_user_or_a_form_without_its_token_imports_nothing() {
    let Some(scene) = Scene::spawn().await else {
        return;
    };
    let file = survey(&[good_row("1", "悦来镇太平村鑫盛厂")]);
    let government = scene.session("gov.li").await;
    let (status, page) = post_survey(&scene, &government, "yuelai", file.clone(), true).await;
    assert_eq!(status, 403, "{page}");
    assert!(page.contains("仅领导小组办公室可以导入"), "{page}");
    let office = scene.session("zhang.san").await;
    let (status, _) = post_survey(&scene, &office, "yuelai", file.clone(), false).await;
    assert_eq!(status, 403, "no CSRF token");
    let (status, page) = post_survey(&scene, &office, "", file, true).await;
    assert_eq!(status, 400, "no township chosen");
    assert!(page.contains("请选择排查表所属的乡镇"), "{page}");
    assert!(
        scene.registry.all_enterprises().await.is_empty(),
        "nothing imported"
    );
    assert_eq!(scene.registry.feed_head().await, 0, "no change recorded");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_template_reads_back_with_the_columns_the_import_reads() {
    let Some(scene) = Scene::spawn().await else {
        return;
    };
    let session = scene.session("zhang.san").await;
    let response = get_with_session(&scene.dashboard, "/import/template.xlsx", &session).await;
    assert_eq!(response.status(), 200);
    let rows = xlsx_rows(&response.bytes().await.expect("body"));
    assert_eq!(rows[1][2], "企业（作坊）名称");
    assert_eq!(rows[1].len(), 15, "every column");
}
