//! The progress pages when the coordinator cannot answer or a filter names nothing: a Chinese
//! message and an HTTP status that says so, never a panic or an empty page that looks real.

use rectify_dashboard::coordinator::CoordinatorSettings;
use rectify_kit::clock::Clock;
use rectify_testkit::{Backend, on_both_backends};

use crate::common::{
    GOOD_PASSWORD, TestDashboard, get_with_session, session_cookie, start_of_test,
};

/// The pages that read the coordinator.
const PAGES: [&str; 6] = [
    "/",
    "/enterprises",
    "/enterprises/01a23201-ebff-7677-8cd7-8288039623de",
    "/supervision",
    "/supervision/report",
    "/rebounds",
];

async fn every_progress_page_says_the_coordinator_cannot_be_reached(backend: Backend) {
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let Some(dashboard) =
        TestDashboard::start_with(backend, Clock::fixed(start_of_test()), |config| {
            config.coordinator = Some(CoordinatorSettings {
                url: format!("http://127.0.0.1:{port}"),
                token: "not-needed".to_owned().into(),
            });
        })
        .await
    else {
        return;
    };
    dashboard.add_user("wang.fang", GOOD_PASSWORD, false).await;
    let cookie = session_cookie(&dashboard, "wang.fang", GOOD_PASSWORD).await;
    for page in PAGES {
        let response = get_with_session(&dashboard, page, &cookie).await;
        assert_eq!(response.status(), 503, "{page}");
        let body = response.text().await.expect("body");
        assert!(
            body.contains("协调服务暂不可用") && body.contains("id=\"unavailable\""),
            "{page} says so in Chinese: {body}"
        );
    }
    dashboard.stop().await;
}

async fn every_progress_page_says_no_coordinator_is_configured(backend: Backend) {
    let Some(dashboard) = TestDashboard::start(backend, None).await else {
        return;
    };
    dashboard.add_user("wang.fang", GOOD_PASSWORD, false).await;
    let cookie = session_cookie(&dashboard, "wang.fang", GOOD_PASSWORD).await;
    for page in PAGES {
        let response = get_with_session(&dashboard, page, &cookie).await;
        assert_eq!(response.status(), 200, "{page}: working as configured");
        let body = response.text().await.expect("body");
        assert!(body.contains("未配置协调服务"), "{page}: {body}");
    }
    dashboard.stop().await;
}

async fn a_filter_naming_nothing_known_is_refused_in_chinese(backend: Backend) {
    let Some(dashboard) = TestDashboard::start(backend, None).await else {
        return;
    };
    dashboard.add_user("wang.fang", GOOD_PASSWORD, false).await;
    let cookie = session_cookie(&dashboard, "wang.fang", GOOD_PASSWORD).await;
    let long = format!("/enterprises?q={}", "厂".repeat(101));
    for page in [
        "/enterprises?jurisdiction=nowhere",
        "/enterprises?category=demolish",
        "/enterprises?state=closed",
        "/enterprises?completion=half",
        "/enterprises?flag=red",
        long.as_str(),
    ] {
        let response = get_with_session(&dashboard, page, &cookie).await;
        assert_eq!(response.status(), 400, "{page}");
        let body = response.text().await.expect("body");
        assert!(body.contains("筛选条件无效"), "{page}: {body}");
    }
    let response = get_with_session(&dashboard, "/enterprises/..%2Fetc", &cookie).await;
    assert_eq!(response.status(), 404, "an id that cannot be an enterprise");
    dashboard.stop().await;
}

async fn progress_pages_need_a_login(backend: Backend) {
    let Some(dashboard) = TestDashboard::start(backend, None).await else {
        return;
    };
    for page in PAGES {
        let response = crate::common::get(&dashboard, page).await;
        assert_eq!(response.status(), 303, "{page}");
        assert_eq!(
            crate::common::location(&response),
            "/login?notice=login",
            "{page}"
        );
    }
    dashboard.stop().await;
}

on_both_backends!(
    every_progress_page_says_the_coordinator_cannot_be_reached,
    every_progress_page_says_no_coordinator_is_configured,
    a_filter_naming_nothing_known_is_refused_in_chinese,
    progress_pages_need_a_login,
);
