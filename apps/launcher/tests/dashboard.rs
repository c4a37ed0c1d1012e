//! `rectify up` runs the dashboard beside the services: on its own port and SQLite file, with a
//! first administrator whose one-time password is printed once, kept owner-only, and must be
//! changed at the first login; a restart makes no second one.

use std::net::{IpAddr, Ipv4Addr};

use rectify_launcher::{Ports, UpOptions, start};

fn options(data_dir: &std::path::Path) -> UpOptions {
    UpOptions {
        demo: false,
        data_dir: data_dir.to_owned(),
        host: IpAddr::V4(Ipv4Addr::LOCALHOST),
        ports: Ports::all(0),
        clock_start: None,
        tls: false,
        mtls: false,
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

/// The value of the hidden `csrf_token` field and the login form's cookie.
async fn login_form(url: &str) -> (String, String) {
    let page = http()
        .get(format!("{url}/login"))
        .send()
        .await
        .expect("GET /login");
    let cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|line| line.split(';').next()?.strip_prefix("rectify_login_csrf="))
        .expect("login form cookie")
        .to_owned();
    let html = page.text().await.expect("body");
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker).expect("token field") + marker.len();
    let token = html[start..start + 64].to_owned();
    (cookie, token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn up_serves_the_dashboard_with_a_first_administrator_who_must_change_the_password() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let running = start(&options(dir.path())).await.expect("start");
    let url = running.dashboard.url();
    let password = running
        .dashboard
        .initial_password
        .clone()
        .expect("the first start makes the administrator");
    let banner = rectify_launcher::banner::render(&running);
    for expected in [
        url.as_str(),
        "网页端 (dashboard)",
        "admin",
        password.as_str(),
        "dashboard-admin.txt",
    ] {
        assert!(
            banner.contains(expected),
            "the banner shows {expected}:\n{banner}"
        );
    }
    let file = std::fs::read_to_string(&running.dashboard.admin_file).expect("admin file");
    assert!(file.contains(&format!("password={password}")), "{file}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&running.dashboard.admin_file)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "owner-only: {mode:o}");
    }
    let tokens = std::fs::read_to_string(running.tokens_file()).expect("tokens.txt");
    assert!(
        !tokens.contains(&password),
        "the password stays out of tokens.txt"
    );

    let public = http()
        .get(format!("{url}/public"))
        .send()
        .await
        .expect("GET /public");
    assert_eq!(
        public.status(),
        200,
        "the public list reads the launcher's registry"
    );
    assert!(
        public
            .text()
            .await
            .expect("body")
            .contains("暂无已公布的整治方案"),
        "none yet"
    );

    let (cookie, token) = login_form(&url).await;
    let login = http()
        .post(format!("{url}/login"))
        .header("cookie", format!("rectify_login_csrf={cookie}"))
        .form(&[
            ("login", "admin"),
            ("password", password.as_str()),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .expect("POST /login");
    assert_eq!(login.status(), 303, "the one-time password logs in");
    assert_eq!(
        login
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some("/password"),
        "straight to changing it"
    );
    let data_dir = running.data_dir.clone();
    running.shutdown().await.expect("stops cleanly");

    let again = start(&options(&data_dir)).await.expect("restart");
    assert_eq!(
        again.dashboard.initial_password, None,
        "no second administrator"
    );
    let banner = rectify_launcher::banner::render(&again);
    assert!(
        banner.contains("rectifyctl dashboard-user"),
        "says how to manage users:\n{banner}"
    );
    again.shutdown().await.expect("stops cleanly");
}
