//! The dashboard in a real browser (headless Chromium): logging in, the Chinese refusals, the
//! lockout, a forged and an expired cookie, a form without its CSRF token, the public list
//! without login. The pages fed by the coordinator and their live updates: `progress.rs`. Each page is saved under `target/screenshots/`.

use fantoccini::cookies::Cookie;
use rectify_registry::Registry;
use rectify_testkit::registry::RegistryHarness as _;
use rectify_testkit::{Backend, TestService};

use crate::chromium::Browser;
use crate::common::{GOOD_PASSWORD, PRIVATE_FIELDS, TestDashboard};

/// A registry with three published plans in two townships, and a dashboard reading it.
async fn dashboard_with_plans() -> Option<(TestService<Registry>, TestDashboard)> {
    let registry = TestService::<Registry>::spawn(Backend::Sqlite).await?;
    registry
        .publish_close_plan("yuelai", "悦来镇宏达粮食加工厂")
        .await;
    registry
        .publish_close_plan("yuelai", "悦来镇兴旺塑料颗粒厂")
        .await;
    registry
        .publish_upgrade_plan("donghe", "东河乡红星砖瓦厂", Default::default())
        .await;
    let dashboard = TestDashboard::reading(&registry).await?;
    Some((registry, dashboard))
}

/// Opening the overview lands on the login page with `notice`, which says `message`; saved as
/// the screenshot `name`.
async fn back_to_login(
    browser: &Browser,
    dashboard: &TestDashboard,
    notice: &str,
    message: &str,
    name: &str,
) {
    browser.open(&dashboard.at("/")).await;
    assert_eq!(
        browser.path().await,
        format!("/login?notice={notice}"),
        "sent back to login"
    );
    let shown = browser.text_of("#notice").await;
    assert!(
        shown.contains(message),
        "{notice}: said in Chinese: {shown}"
    );
    browser.screenshot(name).await;
}

/// Logs in through the form and waits (up to 10 s) for its answer: another page, or the
/// login page with an error.
pub async fn log_in(browser: &Browser, dashboard: &TestDashboard, login: &str, password: &str) {
    browser.open(&dashboard.at("/login")).await;
    browser.fill("#login", login).await;
    browser.fill("#password", password).await;
    browser.click("#submit").await;
    for _ in 0..100 {
        if browser.path().await != "/login"
            || browser
                .client
                .find(fantoccini::Locator::Css("#error"))
                .await
                .is_ok()
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the login form got no answer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_in_shows_the_overview_and_the_password_page() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let Some((registry, dashboard)) = dashboard_with_plans().await else {
        return;
    };
    dashboard.add_user("wang.fang", GOOD_PASSWORD, false).await;

    browser.open(&dashboard.at("/login")).await;
    assert_eq!(browser.text_of("h1").await, "登录", "the login page");
    browser.screenshot("login").await;

    log_in(&browser, &dashboard, "wang.fang", "Wrong-password-2021").await;
    let error = browser.text_of("#error").await;
    assert!(
        error.contains("登录名或密码错误"),
        "a wrong password, said in Chinese: {error}"
    );
    browser.screenshot("login-wrong-password").await;

    log_in(&browser, &dashboard, "wang.fang", GOOD_PASSWORD).await;
    assert_eq!(
        browser.text_of("h1").await,
        "总览",
        "the overview after login"
    );
    assert_eq!(browser.path().await, "/", "at /");
    // This dashboard has no coordinator: the overview says so in Chinese (the overview with
    // the coordinator's figures and live updates: `progress.rs`).
    let unavailable = browser.text_of("#unavailable").await;
    assert!(
        unavailable.contains("未配置协调服务"),
        "no coordinator configured, said in Chinese: {unavailable}"
    );
    browser.screenshot("overview-without-coordinator").await;

    browser.open(&dashboard.at("/password")).await;
    assert_eq!(browser.text_of("h1").await, "修改密码", "the password page");
    browser.screenshot("password").await;

    browser.click("button.link").await;
    let notice = browser.text_of("#notice").await;
    assert!(notice.contains("已安全退出"), "logged out: {notice}");
    browser.close().await;
    dashboard.stop().await;
    registry.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_passwords_lock_the_account_in_the_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let Some(dashboard) = TestDashboard::start(Backend::Sqlite, None).await else {
        return;
    };
    dashboard.add_user("wang.fang", GOOD_PASSWORD, false).await;
    for _ in 0..5 {
        log_in(&browser, &dashboard, "wang.fang", "Wrong-password-2021").await;
    }
    let error = browser.text_of("#error").await;
    assert!(
        error.contains("账户已锁定 15 分钟，至 2021-11-22 09:15 解锁"),
        "locked, and until when: {error}"
    );
    browser.screenshot("login-locked").await;
    log_in(&browser, &dashboard, "wang.fang", GOOD_PASSWORD).await;
    assert!(
        browser.text_of("#error").await.contains("账户已锁定"),
        "still locked"
    );
    browser.close().await;
    dashboard.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_and_expired_cookies_and_a_form_without_its_token_are_refused_in_the_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let Some(dashboard) = TestDashboard::start(Backend::Sqlite, None).await else {
        return;
    };
    let user = dashboard.add_user("wang.fang", GOOD_PASSWORD, false).await;

    browser.open(&dashboard.at("/login")).await;
    // Chrome refuses SameSite=None without Secure: the attributes the dashboard itself sets.
    let forged = Cookie::parse(format!(
        "rectify_session={}; Path=/; Domain=127.0.0.1; HttpOnly; SameSite=Strict",
        "0".repeat(64)
    ))
    .expect("a cookie");
    browser
        .client
        .add_cookie(forged)
        .await
        .expect("set a forged cookie");
    back_to_login(
        &browser,
        &dashboard,
        "invalid",
        "登录状态无效",
        "session-forged",
    )
    .await;

    log_in(&browser, &dashboard, "wang.fang", GOOD_PASSWORD).await;
    assert_eq!(browser.text_of("h1").await, "总览", "logged in");
    dashboard.clock.advance(chrono::Duration::minutes(31));
    back_to_login(
        &browser,
        &dashboard,
        "expired",
        "登录已超时",
        "session-expired",
    )
    .await;

    log_in(&browser, &dashboard, "wang.fang", GOOD_PASSWORD).await;
    browser.open(&dashboard.at("/password")).await;
    browser.fill("#current", GOOD_PASSWORD).await;
    browser.fill("#new_password", "Another-pass-2021").await;
    browser.fill("#repeat", "Another-pass-2021").await;
    browser
        .client
        .execute(
            "document.querySelector('main input[name=csrf_token]').remove();",
            vec![],
        )
        .await
        .expect("drop the token from the form");
    browser.click("#submit").await;
    let message = browser.text_of("#message").await;
    assert!(
        message.contains("操作未执行"),
        "refused, in Chinese: {message}"
    );
    browser.screenshot("csrf-refused").await;
    let stored = dashboard.user("wang.fang").await;
    assert_eq!(
        stored.password_hash, user.password_hash,
        "the password is unchanged"
    );
    browser.close().await;
    dashboard.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_opens_without_login_in_the_browser() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let Some((registry, dashboard)) = dashboard_with_plans().await else {
        return;
    };
    browser.open(&dashboard.at("/public")).await;
    assert_eq!(browser.path().await, "/public", "no redirect to login");
    let table = browser.text_of("#public-list").await;
    for shown in [
        "悦来镇宏达粮食加工厂",
        "悦来镇兴旺塑料颗粒厂",
        "东河乡红星砖瓦厂",
        "关停取缔",
        "升级改造",
    ] {
        assert!(table.contains(shown), "shows {shown}: {table}");
    }
    let source = browser.client.source().await.expect("page source");
    for private in PRIVATE_FIELDS {
        assert!(!source.contains(private), "must not show {private}");
    }
    browser.screenshot("public").await;
    browser.close().await;
    dashboard.stop().await;
    registry.server.shutdown().await;
}
