//! Everything a page needs comes from the dashboard itself: the assets are served with their
//! content types and cache headers, and no rendered page or asset points anywhere else.

use rectify_testkit::Backend;

use crate::common::{GOOD_PASSWORD, TestDashboard, get, get_with_session, http, session_cookie};

fn assert_no_external_reference(what: &str, text: &str) {
    for scheme in ["http://", "https://", "//cdn", "url(http"] {
        assert!(!text.contains(scheme), "{what} refers to {scheme}…: {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_assets_refer_to_nothing_outside_the_dashboard() {
    let Some(dashboard) =
        TestDashboard::start(Backend::Sqlite, Some("http://127.0.0.1:1".to_owned())).await
    else {
        return;
    };
    dashboard.add_user("li.si", GOOD_PASSWORD, false).await;
    let session = session_cookie(&dashboard, "li.si", GOOD_PASSWORD).await;
    for path in ["/", "/password", "/public", "/no-such-page"] {
        let html = get_with_session(&dashboard, path, &session)
            .await
            .text()
            .await
            .expect("body");
        assert!(
            html.contains("<html lang=\"zh-CN\">"),
            "{path} is a Chinese page"
        );
        assert_no_external_reference(path, &html);
    }
    let anonymous = get(&dashboard, "/login").await;
    let csp = anonymous
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        csp.contains("default-src 'self'"),
        "only the dashboard's own resources: {csp}"
    );
    assert_no_external_reference("/login", &anonymous.text().await.expect("body"));

    for (name, content_type) in [
        ("style.css", "text/css; charset=utf-8"),
        ("print.css", "text/css; charset=utf-8"),
        ("live.js", "text/javascript; charset=utf-8"),
    ] {
        let response = get(&dashboard, &format!("/assets/{name}")).await;
        assert_eq!(response.status(), 200, "{name}");
        let header = |h: &str| {
            response
                .headers()
                .get(h)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(header("content-type"), content_type, "{name}: content type");
        assert_eq!(
            header("cache-control"),
            "public, max-age=86400",
            "{name}: cached a day"
        );
        let etag = header("etag");
        assert!(etag.len() > 2, "{name}: an ETag");
        assert_no_external_reference(name, &response.text().await.expect("body"));
        let again = http()
            .get(dashboard.at(&format!("/assets/{name}")))
            .header("if-none-match", &etag)
            .send()
            .await
            .expect("GET");
        assert_eq!(
            again.status(),
            304,
            "{name}: not sent again while unchanged"
        );
    }
    let missing = get(&dashboard, "/assets/echarts.js").await;
    assert_eq!(missing.status(), 404, "no such asset");
    dashboard.stop().await;
}

#[test]
fn the_print_stylesheet_is_for_a4_pages() {
    let print = include_str!("../../assets/print.css");
    assert!(print.contains("size: A4"), "A4 pages");
    assert!(
        rectify_dashboard::assets::names().any(|n| n == "print.css"),
        "served"
    );
}
