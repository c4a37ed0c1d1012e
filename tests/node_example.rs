//! The Node.js example client (`examples/node/report_finding.js`, @grpc/grpc-js) run against a
//! registry on port 0 over mutual TLS, as a township's system would: its mistaken report is
//! refused with every bad field in Chinese, the corrected report is stored, and the retry with
//! the same request_id gets the first answer back, so the feed holds the report once.
//!
//! Needs `node` and `npm ci` in examples/node (`.ci/run` does it); outside CI the test is
//! skipped, saying so, when either is missing. Under CI=true it must run.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rectify_kit::auth::PartyKind;
use rectify_proto::registry::v1::FindingReported;
use rectify_registry::Registry;
use rectify_testkit::{Backend, TestKeys, TestService, TestTls, on_both_backends};

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/node")
}

/// Whether node and the example's packages are there; outside CI a missing one skips the test.
fn node_is_ready() -> bool {
    let node = std::process::Command::new("node").arg("--version").output();
    let installed = example_dir().join("node_modules/@grpc/grpc-js").exists();
    let problem = match (node, installed) {
        (Ok(out), true) if out.status.success() => return true,
        (Ok(out), false) if out.status.success() => "run `npm ci` in examples/node",
        _ => "node is not installed",
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the Node.js example must run under CI: {problem}"
    );
    eprintln!("skipping the Node.js example: {problem}");
    false
}

async fn the_node_example_reports_shows_field_errors_in_chinese_and_is_answered_once(
    backend: Backend,
) {
    if !node_is_ready() {
        return;
    }
    let tls = TestTls::new();
    let keys = Arc::new(TestKeys::new());
    let Some(registry) =
        TestService::<Registry>::spawn_tls(backend, keys.clone(), &tls, true, |_| {}).await
    else {
        return;
    };
    let township = registry.token("yuelai", PartyKind::Jurisdiction, &[]);
    let system = tls.client_certificate("yuelai-system");
    let head = registry.settled_head(0).await;

    let output = tokio::process::Command::new("node")
        .arg("report_finding.js")
        .current_dir(example_dir())
        .env("RECTIFY_ENDPOINT", registry.server.addr.to_string())
        .env("RECTIFY_TOKEN", &township)
        .env("RECTIFY_CA", &tls.ca)
        .env("RECTIFY_CERT", &system.cert)
        .env("RECTIFY_KEY", &system.key)
        .env("RECTIFY_JURISDICTION", "yuelai")
        .env("RECTIFY_WORKSHOP", "悦来镇节点米业")
        .output()
        .await
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the example succeeds: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for shown in [
        "finding.credit_code：统一社会信用代码应为18位",
        "finding.location：坐标不在本县范围内",
        "得到同一答复，未重复登记",
    ] {
        assert!(
            stdout.contains(shown),
            "the user is shown {shown:?}:\n{stdout}"
        );
    }
    let result: serde_json::Value = stdout
        .lines()
        .find_map(|line| line.strip_prefix("RESULT "))
        .map(|json| serde_json::from_str(json).expect("RESULT is JSON"))
        .unwrap_or_else(|| panic!("a RESULT line:\n{stdout}"));
    assert_eq!(
        result["reason"], "INVALID_ARGUMENT",
        "the ErrorInfo reason is read"
    );
    let fields: Vec<&str> = result["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        ["finding.credit_code", "finding.location"],
        "every bad field from BadRequest"
    );
    assert_eq!(
        result["first"], result["again"],
        "the retry with the same request_id got the first answer"
    );

    let request_id = result["request_id"].as_str().expect("request_id");
    let settled = registry.settled_head(head + 1).await;
    let changes: Vec<_> = registry
        .whole_feed(&registry.office())
        .await
        .into_iter()
        .filter(|c| c.seq > head)
        .collect();
    assert_eq!(changes.len() as i64, settled - head, "every change read");
    assert!(
        changes.iter().all(|c| c.request_id == request_id),
        "nothing but the corrected report was recorded: {changes:?}"
    );
    let reported = changes
        .iter()
        .filter(|c| {
            c.event
                .as_ref()
                .is_some_and(|e| e.type_url.ends_with(<FindingReported as prost::Name>::NAME))
        })
        .count();
    assert_eq!(reported, 1, "the finding is on the feed once");
}

on_both_backends!(the_node_example_reports_shows_field_errors_in_chinese_and_is_answered_once);
