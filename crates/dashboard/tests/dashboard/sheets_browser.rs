//! The ledger's export and the survey import in headless Chromium: the exported XLSX downloads
//! and reads back with one row per enterprise; a survey with one bad line among good ones shows
//! the line in Chinese and imports nothing; a good one imports. Screenshots of the import page
//! under `target/screenshots/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rectify_testkit::registry::RegistryHarness as _;

use crate::chromium::Browser;
use crate::common::GOOD_PASSWORD;
use crate::sheets::{Scene, good_row, survey, xlsx_rows};

/// The first `.xlsx` file Chromium finished saving in `dir`.
async fn downloaded(dir: &Path) -> PathBuf {
    for _ in 0..200 {
        let done = std::fs::read_dir(dir)
            .expect("download directory")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "xlsx"));
        if let Some(path) = done {
            return path;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no XLSX was downloaded into {}", dir.display());
}

/// Puts `file` into the form's file field.
async fn choose_file(browser: &Browser, file: &Path) {
    browser
        .client
        .find(fantoccini::Locator::Css("#file"))
        .await
        .expect("file field")
        .send_keys(&file.display().to_string())
        .await
        .expect("choose the file");
}

async fn log_in(browser: &Browser, scene: &Scene, login: &str) {
    browser.open(&scene.dashboard.at("/login")).await;
    browser.fill("#login", login).await;
    browser.fill("#password", GOOD_PASSWORD).await;
    browser.click("#submit").await;
    for _ in 0..100 {
        if browser.path().await == "/" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{login} was not logged in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exported_ledger_downloads_and_a_survey_imports_in_the_browser() {
    let downloads = tempfile::tempdir().expect("download directory");
    let Some(browser) = Browser::start_with(Some(downloads.path())).await else {
        return;
    };
    let Some(scene) = Scene::spawn().await else {
        return;
    };
    scene.seed().await;
    log_in(&browser, &scene, "zhang.san").await;

    browser.open(&scene.dashboard.at("/import")).await;
    assert_eq!(browser.text_of("h1").await, "台账导出与排查表导入");
    browser.screenshot("import").await;
    browser.click("#export-xlsx").await;
    let file = downloaded(downloads.path()).await;
    assert!(
        file.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.contains("台账")),
        "saved under its Chinese name: {}",
        file.display()
    );
    let rows = xlsx_rows(&std::fs::read(&file).expect("the download"));
    let listed = scene.listed().await;
    let names: Vec<&str> = rows[2..].iter().map(|r| r[1].as_str()).collect();
    let expected: Vec<&str> = listed.iter().map(|e| e.display_name.as_str()).collect();
    assert_eq!(names, expected, "one row per enterprise on the list");

    let before = scene.registry.all_enterprises().await.len();
    let head = scene.registry.feed_head().await;
    let mut bad = good_row("2", "悦来镇太平村顺发作坊");
    bad[3] = "91350100M000100Y4X";
    let sheet_dir = tempfile::tempdir().expect("sheet directory");
    let bad_file = sheet_dir.path().join("bad.xlsx");
    std::fs::write(
        &bad_file,
        survey(&[good_row("1", "悦来镇太平村鑫盛厂"), bad]),
    )
    .expect("write");
    browser
        .client
        .find(fantoccini::Locator::Css("#jurisdiction"))
        .await
        .expect("select")
        .select_by_value("yuelai")
        .await
        .expect("choose 悦来镇");
    choose_file(&browser, &bad_file).await;
    browser.click("#import-submit").await;
    let report = browser
        .text_saying("#row-errors", "第 5 行：统一社会信用代码：")
        .await;
    assert!(
        report.contains("第 5 行：统一社会信用代码："),
        "the bad line in Chinese: {report}"
    );
    browser.screenshot("import-row-errors").await;
    assert_eq!(
        scene.registry.all_enterprises().await.len(),
        before,
        "nothing imported"
    );
    assert_eq!(scene.registry.feed_head().await, head, "no change recorded");

    let text_file = sheet_dir.path().join("renamed.xlsx");
    std::fs::write(&text_file, "序号,企业名称\n1,某厂\n").expect("write");
    choose_file(&browser, &text_file).await;
    browser.click("#import-submit").await;
    let refused = browser
        .text_saying("#import-error", "不是有效的 Excel 工作簿")
        .await;
    assert!(
        refused.contains("不是有效的 Excel 工作簿"),
        "a renamed text file, said in Chinese: {refused}"
    );
    browser.screenshot("import-not-xlsx").await;
    assert_eq!(scene.registry.feed_head().await, head, "no change recorded");

    let good_file = sheet_dir.path().join("good.xlsx");
    std::fs::write(
        &good_file,
        survey(&[
            good_row("1", "悦来镇太平村鑫盛厂"),
            good_row("2", "悦来镇太平村顺发作坊"),
        ]),
    )
    .expect("write");
    browser
        .client
        .find(fantoccini::Locator::Css("#jurisdiction"))
        .await
        .expect("select")
        .select_by_value("yuelai")
        .await
        .expect("choose 悦来镇");
    choose_file(&browser, &good_file).await;
    browser.click("#import-submit").await;
    let done = browser.text_saying("#import-done", "2 条记录").await;
    assert!(done.contains("2 条记录"), "{done}");
    browser.screenshot("import-done").await;
    assert_eq!(
        scene.registry.all_enterprises().await.len(),
        before + 2,
        "both imported"
    );
    browser.close().await;
}
