//! Debian's headless Chromium driven over WebDriver: chromedriver started by the test on a
//! free port, a fantoccini client, screenshots under `target/screenshots/`. Without Chromium
//! the browser tests skip, except under `CI=true`, where they fail.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A browser session and the chromedriver behind it; both end when dropped.
pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium; `None` (the test skips) when they are not
    /// installed, outside CI.
    pub async fn start() -> Option<Browser> {
        Browser::start_with(None).await
    }

    /// [`Browser::start`], saving downloads into `downloads` without asking.
    pub async fn start_with(downloads: Option<&Path>) -> Option<Browser> {
        let chromium = std::env::var("RECTIFY_CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_owned());
        let driver =
            std::env::var("RECTIFY_CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.to_owned());
        if !Path::new(&chromium).exists() || !Path::new(&driver).exists() {
            assert!(
                !in_ci(),
                "browser tests need {chromium} and {driver} under CI (apt-get install chromium chromium-driver fonts-noto-cjk)"
            );
            eprintln!("skipping: {chromium} or {driver} is not installed");
            return None;
        }
        let port = free_port();
        let driver = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            serde_json::json!({
                "binary": chromium,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    "--window-size=1280,900",
                    "--lang=zh-CN",
                ],
                "prefs": {
                    "download.default_directory": downloads.map(|d| d.display().to_string()),
                    "download.prompt_for_download": false,
                },
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let mut waited = Duration::ZERO;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(error) if waited < Duration::from_secs(20) => {
                    tracing_free_sleep(&mut waited, &error).await;
                }
                Err(error) => {
                    panic!("cannot start a Chromium session through chromedriver: {error}")
                }
            }
        };
        Some(Browser { client, driver })
    }

    /// Opens `url`.
    pub async fn open(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    /// Waits until an element matching `css` exists, and returns its text. An element that a
    /// live update replaced between finding and reading it is found again.
    pub async fn text_of(&self, css: &str) -> String {
        let mut attempts = 0;
        loop {
            let element = self
                .client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css(css))
                .await
                .unwrap_or_else(|e| panic!("no element {css}: {e}"));
            match element.text().await {
                Ok(text) => return text,
                Err(error) if attempts < 10 && is_stale(&error) => attempts += 1,
                Err(error) => panic!("text of {css}: {error}"),
            }
        }
    }

    /// Waits until the element `css` says `needle` (a submitted form's answer replacing the
    /// page), and returns its text; the last text seen when it never does.
    pub async fn text_saying(&self, css: &str, needle: &str) -> String {
        let mut last = String::new();
        for _ in 0..100 {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && let Ok(text) = element.text().await
            {
                if text.contains(needle) {
                    return text;
                }
                last = text;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        last
    }

    /// Types `text` into the field `css`.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .expect("form field");
        field.clear().await.expect("clear field");
        field.send_keys(text).await.expect("type");
    }

    /// Clicks the element `css`.
    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
            .click()
            .await
            .expect("click");
    }

    /// The path of the page shown.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Saves a screenshot of the page as `target/screenshots/{name}.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "a PNG image");
        let dir = screenshots_dir();
        std::fs::create_dir_all(&dir).expect("screenshots directory");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Ends the browser session and chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Only the chromedriver this test started, by its own handle.
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// `target/screenshots` of the workspace.
pub fn screenshots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("screenshots")
}

/// Whether `error` says the element left the page (a live update replaced it).
fn is_stale(error: &fantoccini::error::CmdError) -> bool {
    matches!(
        error,
        fantoccini::error::CmdError::Standard(e)
            if e.error == fantoccini::error::ErrorStatus::StaleElementReference
    )
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn tracing_free_sleep(waited: &mut Duration, error: &dyn std::fmt::Display) {
    let step = Duration::from_millis(200);
    if waited.is_zero() {
        eprintln!("waiting for chromedriver: {error}");
    }
    tokio::time::sleep(step).await;
    *waited += step;
}
