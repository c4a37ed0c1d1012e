//! The public list without logging in: a real registry on port 0 with published plans, read
//! through its `ListPublicPlans`; only the registry's public fields appear, page by page.

use rectify_registry::Registry;
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::{Backend, TestService};

use crate::common::{PRIVATE_FIELDS, TestDashboard, get};

/// A registry with `closed` close plans published in 悦来镇 and one upgrade plan in 东河乡.
async fn registry_with_plans(closed: usize) -> Option<TestService<Registry>> {
    let registry = TestService::<Registry>::spawn(Backend::Sqlite).await?;
    for n in 0..closed {
        registry
            .publish_close_plan("yuelai", &format!("悦来第{n:02}粮食加工厂"))
            .await;
    }
    registry
        .publish_upgrade_plan("donghe", "东河砖瓦厂", Default::default())
        .await;
    Some(registry)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_shows_published_plans_without_login_and_no_private_field() {
    let Some(registry) = registry_with_plans(2).await else {
        return;
    };
    let Some(dashboard) = TestDashboard::reading(&registry).await else {
        return;
    };
    let response = get(&dashboard, "/public").await;
    assert_eq!(response.status(), 200, "no login needed");
    let html = response.text().await.expect("body");
    for shown in [
        "散乱污企业整治公示名单",
        "悦来第00粮食加工厂",
        "悦来第01粮食加工厂",
        "东河砖瓦厂",
        "悦来镇",
        "东河乡",
        "关停取缔",
        "升级改造",
    ] {
        assert!(
            html.contains(shown),
            "the public list shows {shown}: {html}"
        );
    }
    for private in PRIVATE_FIELDS {
        assert!(
            !html.contains(private),
            "the public list must not show {private}: {html}"
        );
    }
    assert!(!html.contains("/logout"), "a visitor is not logged in");

    let filtered = get(&dashboard, "/public?jurisdiction=donghe&category=")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        filtered.contains("东河砖瓦厂"),
        "the filtered jurisdiction's plan"
    );
    assert!(
        !filtered.contains("悦来第00粮食加工厂"),
        "no other jurisdiction's plan"
    );

    let bad = get(&dashboard, "/public?jurisdiction=atlantis").await;
    assert_eq!(bad.status(), 400, "an unknown jurisdiction");
    assert!(
        bad.text().await.expect("body").contains("筛选条件无效"),
        "said in Chinese"
    );
    dashboard.stop().await;
    registry.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_pages_through_every_published_plan() {
    let page_size = usize::try_from(rectify_dashboard::public_list::PAGE_SIZE).expect("size");
    let Some(registry) = registry_with_plans(page_size).await else {
        return;
    };
    let Some(dashboard) = TestDashboard::reading(&registry).await else {
        return;
    };
    let first = get(&dashboard, "/public").await.text().await.expect("body");
    let rows = |html: &str| html.matches(r#"<td class="enterprise">"#).count();
    assert_eq!(rows(&first), page_size, "a full first page");
    let marker = r#"id="next-page">"#;
    let next = first
        .split(r#"<a href=""#)
        .find(|part| part.contains(marker))
        .and_then(|part| part.split('"').next())
        .expect("a link to the next page")
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let second = get(&dashboard, &next).await.text().await.expect("body");
    assert_eq!(rows(&second), 1, "the one plan left");
    assert!(
        !second.contains("id=\"next-page\""),
        "no page after the last"
    );
    assert!(
        second.contains("id=\"first-page\""),
        "a way back to the first page"
    );
    dashboard.stop().await;
    registry.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_says_so_when_the_registry_cannot_be_reached() {
    let Some(dashboard) =
        TestDashboard::start(Backend::Sqlite, Some("http://127.0.0.1:1".to_owned())).await
    else {
        return;
    };
    let response = get(&dashboard, "/public").await;
    assert_eq!(response.status(), 503, "service unavailable");
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("台账服务暂不可用"),
        "in Chinese"
    );
    dashboard.stop().await;
}
