//! The pages fed by the coordinator, in a real browser, against a real county: the overview's
//! figures and charts are exactly what the gRPC API returns, a bureau's write reaches the open
//! overview without a reload, the enterprise list's filters and search narrow the rows as the
//! API does, the enterprise page shows its cross-bureau timeline, supervision, the printable
//! report and rebound watch render, and only the office signs off. Each page is saved under
//! `target/screenshots/`.

use std::time::Duration;

use fantoccini::Locator;
use rectify_campaign::{Campaign, HUACHUAN_2021};
use rectify_dashboard::Role;
use rectify_dashboard::views::names::category_key_zh;
use rectify_kit::auth::PartyKind;
use rectify_proto::coordinator::v1 as pb;
use rectify_proto::registry::v1 as reg;
use rectify_proto::workitems::v1 as wi;
use rectify_testkit::county::{verify, water_cut};
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::workitems::{WorkItemHarness, of_kind};
use rectify_testkit::{Backend, authorized, on_both_backends};

use crate::browser::log_in;
use crate::chromium::Browser;
use crate::common::{GOOD_PASSWORD, csrf_token, get_with_session, http, session_cookie};
use crate::county::CountyDashboard;

/// The ids of the rows of the enterprise list shown.
async fn listed(browser: &Browser) -> Vec<String> {
    let rows = browser
        .client
        .find_all(Locator::Css("#enterprise-list tbody tr"))
        .await
        .expect("rows");
    let mut ids = Vec::new();
    for row in rows {
        ids.push(
            row.attr("data-enterprise")
                .await
                .expect("attribute")
                .expect("each row names its enterprise"),
        );
    }
    ids.sort();
    ids
}

/// Submits the list's filter form and waits (up to 10 s) for the filtered page's address.
async fn apply_filters(browser: &Browser) {
    let before = browser.path().await;
    browser.click("#apply").await;
    for _ in 0..100 {
        let now = browser.path().await;
        if now != before && now.starts_with("/enterprises?") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the filters were not applied (still at {before})");
}

/// The ids of `enterprises`, sorted.
fn ids(enterprises: &[pb::EnterpriseProgress]) -> Vec<String> {
    let mut ids: Vec<String> = enterprises
        .iter()
        .map(|e| e.name.trim_start_matches("enterprises/").to_owned())
        .collect();
    ids.sort();
    ids
}

/// The `<svg>` drawn under the heading `heading` in `html`.
fn chart<'a>(html: &'a str, heading: &str) -> &'a str {
    let start = html
        .find(&format!("<h2>{heading}</h2>"))
        .unwrap_or_else(|| panic!("a chart headed {heading}"));
    let rest = &html[start..];
    &rest[..rest.find("</svg>").expect("the chart's end")]
}

/// Whether `svg` has a bar labelled `label` showing `done/total`.
fn has_bar(svg: &str, label: &str, done: i64, total: i64) -> bool {
    svg.split(r#"<g class="bar">"#).any(|bar| {
        bar.contains(&format!(">{label}</text>")) && bar.contains(&format!(">{done}/{total} ("))
    })
}

/// Waits (up to 30 s) until the element `css` reads `expected`, returning what it read last.
async fn until_text(browser: &Browser, css: &str, expected: &str) -> String {
    let mut seen = String::new();
    for _ in 0..300 {
        seen = browser.text_of(css).await;
        if seen == expected {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    seen
}

async fn pages_show_the_coordinators_numbers_and_a_bureaus_write_arrives_live(backend: Backend) {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let Some(world) = CountyDashboard::start(backend).await else {
        return;
    };
    let campaign = Campaign::from_toml_str(HUACHUAN_2021).expect("campaign");
    let name_of = |code: &str| campaign.party(code).expect("a party").name.clone();
    let registry = &world.county.registry;
    let closed = registry
        .publish_close_plan("yuelai", "悦来镇宏达粮食加工厂")
        .await;
    registry
        .publish_close_plan("yuelai", "悦来镇兴旺塑料颗粒厂")
        .await;
    let upgrade = registry
        .publish_upgrade_plan("donghe", "东河乡红星砖瓦厂", Default::default())
        .await;
    world.caught_up().await;
    let dashboard = &world.dashboard;
    dashboard.add_user("wang.fang", GOOD_PASSWORD, false).await;
    log_in(&browser, dashboard, "wang.fang", GOOD_PASSWORD).await;
    assert_eq!(browser.text_of("h1").await, "总览", "the overview");

    // The headline figures and every chart are the API's numbers.
    let summary = world.summary().await;
    assert_eq!(summary.enterprises, 3, "three enterprises reported");
    for (id, value) in [
        ("enterprises", summary.enterprises),
        ("complete", summary.complete),
        ("ready-for-sign-off", summary.ready_for_sign_off),
        ("signed-off", summary.signed_off),
        ("overdue-enterprises", summary.overdue_enterprises),
        ("items", summary.items),
        ("items-complete", summary.items_complete),
        ("items-open", summary.items_open),
        ("items-blocked", summary.items_blocked),
        ("items-overdue", summary.items_overdue),
    ] {
        let shown = browser.text_of(&format!("#figure-{id}")).await;
        assert_eq!(shown, value.to_string(), "{id} as GetSummary says");
    }
    for state in summary.states.iter().filter(|s| s.count > 0) {
        let shown = browser
            .text_of(&format!("#figure-state-{}", state.state))
            .await;
        assert_eq!(shown, state.count.to_string(), "state {}", state.state);
    }
    let html = browser.client.source().await.expect("page source");
    let by_jurisdiction = chart(&html, "整治完成企业（按属地）");
    let jurisdictions = world.summaries(pb::Dimension::Jurisdiction).await;
    assert_eq!(
        jurisdictions.len(),
        12,
        "every jurisdiction of the campaign"
    );
    for s in &jurisdictions {
        assert!(
            has_bar(by_jurisdiction, &name_of(&s.key), s.complete, s.enterprises),
            "{}: {}/{} in {by_jurisdiction}",
            s.key,
            s.complete,
            s.enterprises
        );
    }
    let by_category = chart(&html, "整治完成企业（按类别）");
    for s in &world.summaries(pb::Dimension::Category).await {
        assert!(
            has_bar(
                by_category,
                category_key_zh(&s.key),
                s.complete,
                s.enterprises
            ),
            "category {}",
            s.key
        );
    }
    let by_bureau = chart(&html, "已完成工作事项（按责任单位）");
    let bureaus = world.summaries(pb::Dimension::Bureau).await;
    assert!(!bureaus.is_empty(), "items were created");
    for s in &bureaus {
        assert!(
            has_bar(by_bureau, &name_of(&s.key), s.items_complete, s.items),
            "bureau {}",
            s.key
        );
    }
    assert!(
        browser
            .text_of("#milestone-complete_by")
            .await
            .contains("剩余 39 天"),
        "2021-11-22 to 2021-12-31"
    );
    browser.screenshot("overview").await;

    // The water bureau cuts the water and eco verifies it, through their own gRPC APIs: the
    // open overview counts one more complete item, without reloading.
    browser
        .client
        .execute("window.notReloaded = true;", vec![])
        .await
        .expect("mark the page");
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("body[data-live-connected='true']"))
        .await
        .expect("the page listens to /events");
    let utilities = &world.county.utilities;
    let items = utilities.items_of(&closed, 6).await;
    let item = of_kind(&items, "water_cut").name.clone();
    let now = world.county.clock.now();
    rectify_testkit::county::County::utilities_client(&world.county)
        .record_water_cut(authorized(
            water_cut("w1", &item, now),
            &world.token("water", PartyKind::Bureau),
        ))
        .await
        .expect("the water bureau records the cut");
    utilities
        .work_items()
        .verify_work_item(authorized(
            verify("v1", &item, now),
            &world.token("eco", PartyKind::Bureau),
        ))
        .await
        .expect("eco verifies the cut");
    let expected = (summary.items_complete + 1).to_string();
    let shown = until_text(&browser, "#figure-items-complete", &expected).await;
    assert_eq!(shown, expected, "the verified cut reaches the open page");
    let same_page = browser
        .client
        .execute("return window.notReloaded === true;", vec![])
        .await
        .expect("read the mark");
    assert_eq!(same_page, serde_json::json!(true), "without a reload");
    world.caught_up().await;
    assert_eq!(
        world.summary().await.items_complete.to_string(),
        shown,
        "as GetSummary says now"
    );
    browser.screenshot("overview-live-update").await;

    // The list's filters and search narrow the rows exactly as the API does.
    browser.open(&dashboard.at("/enterprises")).await;
    let all = world.enterprises(Default::default()).await;
    assert_eq!(listed(&browser).await, ids(&all), "every enterprise");
    browser
        .client
        .find(Locator::Css("#jurisdiction"))
        .await
        .expect("jurisdiction filter")
        .select_by_value("yuelai")
        .await
        .expect("choose 悦来镇");
    apply_filters(&browser).await;
    let yuelai = world
        .enterprises(pb::ListEnterpriseProgressRequest {
            jurisdiction: "yuelai".into(),
            ..Default::default()
        })
        .await;
    assert_eq!(yuelai.len(), 2);
    assert_eq!(listed(&browser).await, ids(&yuelai), "悦来镇 only");
    assert!(
        browser.path().await.contains("jurisdiction=yuelai"),
        "the filter is in the address"
    );
    browser.screenshot("enterprises-yuelai").await;
    browser.open(&dashboard.at("/enterprises")).await;
    browser.fill("#q", "红星").await;
    apply_filters(&browser).await;
    assert_eq!(
        listed(&browser).await,
        ids(&world
            .enterprises(pb::ListEnterpriseProgressRequest {
                query: "红星".into(),
                ..Default::default()
            })
            .await),
        "searched by name"
    );
    assert_eq!(listed(&browser).await.len(), 1, "东河乡红星砖瓦厂");
    for (params, request) in [
        (
            "category=close",
            pb::ListEnterpriseProgressRequest {
                category: reg::Category::Close as i32,
                ..Default::default()
            },
        ),
        (
            "category=upgrade&jurisdiction=donghe",
            pb::ListEnterpriseProgressRequest {
                category: reg::Category::Upgrade as i32,
                jurisdiction: "donghe".into(),
                ..Default::default()
            },
        ),
        (
            "state=published",
            pb::ListEnterpriseProgressRequest {
                state: reg::LifecycleState::Published as i32,
                ..Default::default()
            },
        ),
        (
            "completion=incomplete",
            pb::ListEnterpriseProgressRequest {
                completion: pb::Completion::Incomplete as i32,
                ..Default::default()
            },
        ),
    ] {
        browser
            .open(&dashboard.at(&format!("/enterprises?{params}")))
            .await;
        let expected = ids(&world.enterprises(request).await);
        assert!(!expected.is_empty(), "{params}: the case selects something");
        assert_eq!(listed(&browser).await, expected, "{params}");
    }
    browser
        .open(&dashboard.at("/enterprises?completion=complete"))
        .await;
    assert!(
        browser
            .text_of("#empty")
            .await
            .contains("没有符合条件的企业"),
        "nothing is complete yet"
    );
    browser.screenshot("enterprises").await;

    // The closed enterprise's page: its items and every event across the services.
    let id = closed.trim_start_matches("enterprises/");
    browser
        .open(&dashboard.at(&format!("/enterprises/{id}")))
        .await;
    assert_eq!(
        browser.text_of("#enterprise-name").await,
        "悦来镇宏达粮食加工厂"
    );
    let progress = world.progress(&closed).await;
    let rows = browser
        .client
        .find_all(Locator::Css("#items tbody tr"))
        .await
        .expect("item rows");
    assert_eq!(rows.len(), progress.items.len(), "one row per item");
    let timeline = browser.text_of("#timeline").await;
    let entries = browser
        .client
        .find_all(Locator::Css("#timeline > li"))
        .await
        .expect("timeline entries");
    assert!(entries.len() >= 3, "reported, published, cut: {timeline}");
    assert!(
        timeline.contains("IMG_0042.jpg"),
        "the water cut's photo as evidence: {timeline}"
    );
    assert!(
        timeline.contains("水务局") && timeline.contains("生态环境局"),
        "who cut and who verified: {timeline}"
    );
    browser.screenshot("enterprise").await;

    // Supervision, its printable report, rebound watch.
    browser.open(&dashboard.at("/supervision")).await;
    let rows = browser
        .client
        .find_all(Locator::Css("#jurisdictions tbody tr"))
        .await
        .expect("jurisdiction rows");
    assert_eq!(rows.len(), 12, "every jurisdiction ranked");
    let yuelai_row = browser.text_of("tr[data-jurisdiction='yuelai']").await;
    assert!(
        yuelai_row.contains("悦来镇 2"),
        "two enterprises: {yuelai_row}"
    );
    browser.screenshot("supervision").await;
    browser.open(&dashboard.at("/supervision/report")).await;
    assert!(browser.text_of("#report-title").await.contains("约谈"));
    assert_eq!(browser.text_of("#report-date").await, "2021年11月22日");
    browser.screenshot("supervision-report").await;
    browser.open(&dashboard.at("/rebounds")).await;
    for section in ["#patrols", "#suspected", "#reopened"] {
        assert!(!browser.text_of(section).await.is_empty(), "{section}");
    }
    browser.screenshot("rebounds").await;

    let _ = upgrade;
    browser.close().await;
    world.stop().await;
}

/// Waives every open item of `enterprise` on every bureau service, as the office.
async fn waive_everything(world: &CountyDashboard, enterprise: &str) {
    let county = &world.county;
    let office = county.registry.keys.token_for(
        &rectify_kit::auth::SERVICE_AUDIENCES,
        "office",
        PartyKind::Office,
        &["pii"],
    );
    let services = [
        county.utilities.channel(),
        county.licensing.channel(),
        county.land.channel(),
        county.safety.channel(),
        county.environment.channel(),
    ];
    for channel in services {
        let mut client =
            rectify_proto::workitems::v1::work_item_service_client::WorkItemServiceClient::new(
                channel,
            );
        let items = client
            .list_work_items(authorized(
                wi::ListWorkItemsRequest {
                    enterprise: enterprise.into(),
                    page_size: 500,
                    ..Default::default()
                },
                &office,
            ))
            .await
            .expect("list items")
            .into_inner()
            .work_items;
        for item in items {
            client
                .waive_work_item(authorized(
                    wi::WaiveWorkItemRequest {
                        request_id: format!("waive-{}", item.name),
                        name: item.name.clone(),
                        etag: String::new(),
                        reason: "经领导小组研究，本项不再实施".into(),
                    },
                    &office,
                ))
                .await
                .expect("the office waives");
        }
    }
}

async fn only_the_office_signs_off_a_complete_enterprise(backend: Backend) {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let Some(world) = CountyDashboard::start(backend).await else {
        return;
    };
    let enterprise = world
        .county
        .registry
        .publish_upgrade_plan("donghe", "东河乡红星砖瓦厂", Default::default())
        .await;
    world.caught_up().await;
    waive_everything(&world, &enterprise).await;
    world.caught_up().await;
    let progress = world.progress(&enterprise).await;
    assert!(
        progress.ready_for_sign_off,
        "every item waived: {progress:?}"
    );
    let id = enterprise.trim_start_matches("enterprises/").to_owned();
    let page = format!("/enterprises/{id}");
    let dashboard = &world.dashboard;
    dashboard.add_user("wang.fang", GOOD_PASSWORD, false).await;
    dashboard
        .add_user_as("zhao.gov", GOOD_PASSWORD, false, Role::Government)
        .await;

    // Government: no button, and a forged POST with its own valid token is refused.
    log_in(&browser, dashboard, "zhao.gov", GOOD_PASSWORD).await;
    browser.open(&dashboard.at(&page)).await;
    assert!(
        browser
            .text_of("#sign-off-office-only")
            .await
            .contains("由领导小组办公室销号"),
        "the page says who signs off"
    );
    assert!(
        browser
            .client
            .find(Locator::Css("#sign-off"))
            .await
            .is_err(),
        "no sign-off button for government"
    );
    browser.screenshot("enterprise-government").await;
    let cookie = session_cookie(dashboard, "zhao.gov", GOOD_PASSWORD).await;
    let html = get_with_session(dashboard, &page, &cookie)
        .await
        .text()
        .await
        .expect("body");
    let refused = http()
        .post(dashboard.at(&format!("{page}/sign-off")))
        .header("cookie", format!("rectify_session={cookie}"))
        .form(&[
            ("csrf_token", csrf_token(&html).as_str()),
            ("note", "越权销号"),
        ])
        .send()
        .await
        .expect("POST sign-off");
    assert_eq!(refused.status(), 403, "government may not sign off");
    let body = refused.text().await.expect("body");
    assert!(body.contains("只有领导小组办公室可以为企业销号"), "{body}");
    assert_eq!(
        world.county.enterprise(&enterprise).await.state(),
        reg::LifecycleState::Published,
        "nothing signed off"
    );
    browser.click("button.link").await;

    // The office signs it off from the page.
    log_in(&browser, dashboard, "wang.fang", GOOD_PASSWORD).await;
    browser.open(&dashboard.at(&page)).await;
    browser.screenshot("enterprise-ready-for-sign-off").await;
    browser.fill("#note", "整治完成，经核验销号").await;
    browser.click("#sign-off").await;
    assert!(
        browser.text_of("#notice").await.contains("已销号"),
        "signed off"
    );
    assert_eq!(
        world.county.enterprise(&enterprise).await.state(),
        reg::LifecycleState::SignedOff,
        "the registry holds the sign-off"
    );
    browser.screenshot("enterprise-signed-off").await;
    browser.close().await;
    world.stop().await;
}

on_both_backends!(
    pages_show_the_coordinators_numbers_and_a_bureaus_write_arrives_live,
    only_the_office_signs_off_a_complete_enterprise,
);
