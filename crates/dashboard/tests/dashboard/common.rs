//! A dashboard under test: its own fresh database, a fixed clock the test moves, the live
//! channel, and an HTTP client that shows redirects and cookies as they are.

use std::net::SocketAddr;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use rectify_campaign::{Campaign, HUACHUAN_2021};
use rectify_dashboard::{DashboardConfig, LiveEvents, NewUser, Role, Store, User};
use rectify_kit::clock::Clock;
use rectify_registry::Registry;
use rectify_testkit::{Backend, TestDb, TestService};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// What the registry holds of each test workshop (`rectify_testkit::registry::finding` and
/// `publish_plan`) but must never be public: the operator's name, phone and ID number, the
/// address, the responsible person and their phone.
pub const PRIVATE_FIELDS: [&str; 6] = [
    "王建国",
    "13804541234",
    "230826197001011234",
    "村3组",
    "李明",
    "13904541111",
];

/// A password that meets the policy.
pub const GOOD_PASSWORD: &str = "Huachuan-2021-ok";

/// The instant the tests' clock starts at.
pub fn start_of_test() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2021-11-22T09:00:00+08:00")
        .expect("valid instant")
        .with_timezone(&Utc)
}

/// A running dashboard.
pub struct TestDashboard {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    pub store: Store,
    pub clock: Clock,
    /// Kept for the test's length: dropping it drops the database.
    _db: TestDb,
    stop: CancellationToken,
    task: JoinHandle<anyhow::Result<()>>,
}

impl TestDashboard {
    /// A dashboard on a fresh `backend` database, reading the public list from
    /// `registry_url`; `None` when PostgreSQL is not available here (outside CI).
    pub async fn start(backend: Backend, registry_url: Option<String>) -> Option<TestDashboard> {
        TestDashboard::start_with(backend, Clock::fixed(start_of_test()), |config| {
            config.registry_url = registry_url;
        })
        .await
    }

    /// A dashboard on a fresh `backend` database reading `clock`, its settings changed by
    /// `configure`; `None` when PostgreSQL is not available here (outside CI).
    pub async fn start_with(
        backend: Backend,
        clock: Clock,
        configure: impl FnOnce(&mut DashboardConfig),
    ) -> Option<TestDashboard> {
        let db = TestDb::create(backend).await?;
        let store = Store::open(&db.url)
            .await
            .expect("open the dashboard database");
        let campaign = Arc::new(Campaign::from_toml_str(HUACHUAN_2021).expect("campaign"));
        let mut config = DashboardConfig::new(campaign);
        config.clock = clock.clone();
        configure(&mut config);
        let stop = CancellationToken::new();
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .expect("bind port 0");
        let url = format!("http://{}", listener.local_addr().expect("bound address"));
        let task = tokio::spawn(rectify_dashboard::serve(
            listener,
            config,
            store.clone(),
            LiveEvents::new(),
            stop.clone(),
        ));
        Some(TestDashboard {
            url,
            store,
            clock,
            _db: db,
            stop,
            task,
        })
    }

    /// A dashboard on a fresh `backend` database with one office user `login` whose password
    /// is [`GOOD_PASSWORD`] (to be changed at first login if `must_change`).
    pub async fn with_user(
        backend: Backend,
        login: &str,
        must_change: bool,
    ) -> Option<(TestDashboard, User)> {
        let dashboard = TestDashboard::start(backend, None).await?;
        let user = dashboard.add_user(login, GOOD_PASSWORD, must_change).await;
        Some((dashboard, user))
    }

    /// A dashboard on a fresh SQLite database whose public list reads `registry`.
    pub async fn reading(registry: &TestService<Registry>) -> Option<TestDashboard> {
        let url = format!("http://{}", registry.server.addr);
        TestDashboard::start(Backend::Sqlite, Some(url)).await
    }

    /// The user `login` as stored now.
    pub async fn user(&self, login: &str) -> User {
        self.store
            .user_by_login(login)
            .await
            .expect("read user")
            .expect("the user exists")
    }

    /// Adds an office user with `password` (hashed as the dashboard does).
    pub async fn add_user(&self, login: &str, password: &str, must_change: bool) -> User {
        self.add_user_as(login, password, must_change, Role::Office)
            .await
    }

    /// Adds a user of `role` with `password`.
    pub async fn add_user_as(
        &self,
        login: &str,
        password: &str,
        must_change: bool,
        role: Role,
    ) -> User {
        let user = NewUser {
            login: login.to_owned(),
            display_name: "李四".to_owned(),
            role,
            password_hash: rectify_dashboard::password::hash(password).expect("hash"),
            must_change_password: must_change,
        };
        self.store
            .add_user(&user, self.clock.now())
            .await
            .expect("add user")
    }

    /// The address of `path` on this dashboard.
    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// Stops the server and waits for it to drain.
    pub async fn stop(self) {
        self.stop.cancel();
        self.task
            .await
            .expect("dashboard task")
            .expect("dashboard stopped cleanly");
    }
}

/// An HTTP client that follows no redirects and keeps no cookies: each test sends exactly the
/// cookies it means to.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

/// `GET path`, without cookies.
pub async fn get(dashboard: &TestDashboard, path: &str) -> reqwest::Response {
    http().get(dashboard.at(path)).send().await.expect("GET")
}

/// The value of the cookie `name` that `response` sets.
pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|line| {
            let (pair, _) = line.split_once(';').unwrap_or((line, ""));
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
}

/// The whole `Set-Cookie` line for `name`.
pub fn set_cookie_line(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|line| line.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// The value of the hidden `csrf_token` field in `html`.
pub fn csrf_token(html: &str) -> String {
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    html[start..start + html[start..].find('"').expect("closing quote")].to_owned()
}

/// A browser's login form: its cookie and token, as `GET /login` hands them out.
pub struct LoginForm {
    pub cookie: String,
    pub token: String,
}

/// Fetches the login form.
pub async fn login_form(dashboard: &TestDashboard) -> LoginForm {
    let page = http()
        .get(dashboard.at("/login"))
        .send()
        .await
        .expect("GET /login");
    let cookie = set_cookie(&page, "rectify_login_csrf").expect("the login form sets its cookie");
    let token = csrf_token(&page.text().await.expect("body"));
    LoginForm { cookie, token }
}

/// Posts `login` / `password` through a fresh login form.
pub async fn post_login(
    dashboard: &TestDashboard,
    login: &str,
    password: &str,
) -> reqwest::Response {
    let form = login_form(dashboard).await;
    http()
        .post(dashboard.at("/login"))
        .header("cookie", format!("rectify_login_csrf={}", form.cookie))
        .form(&[
            ("login", login),
            ("password", password),
            ("csrf_token", &form.token),
        ])
        .send()
        .await
        .expect("POST /login")
}

/// Logs in and returns the session cookie's value.
pub async fn session_cookie(dashboard: &TestDashboard, login: &str, password: &str) -> String {
    let response = post_login(dashboard, login, password).await;
    assert_eq!(response.status(), 303, "login succeeds with a redirect");
    set_cookie(&response, "rectify_session").expect("login sets the session cookie")
}

/// `GET path` with the session cookie.
pub async fn get_with_session(
    dashboard: &TestDashboard,
    path: &str,
    session: &str,
) -> reqwest::Response {
    http()
        .get(dashboard.at(path))
        .header("cookie", format!("rectify_session={session}"))
        .send()
        .await
        .expect("GET")
}

/// Where a redirect points.
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}
