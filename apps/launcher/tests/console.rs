//! The real `rectify` binary with its output going to a pipe, as under a service manager or
//! `> up.log`: plain log lines without ANSI colour codes, then the banner.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt as _, BufReader};
use tokio::process::Command;

/// Longest the launcher may take to print its banner on a cold, busy machine.
const BANNER_TIMEOUT: Duration = Duration::from_secs(60);

#[tokio::test]
async fn logs_written_to_a_pipe_carry_no_colour_codes() {
    let dir = tempfile::tempdir().expect("temporary directory");
    // Every service on a free port: the default ones (50051–50056) lie in the range the system
    // hands out for port 0, which the other tests running beside this one are using.
    let ports = rectify_launcher::services::SERVICES
        .iter()
        .flat_map(|s| [format!("--{}", s.port_flag), "0".to_owned()]);
    let mut rectify = Command::new(env!("CARGO_BIN_EXE_rectify"))
        .arg("up")
        .args(ports)
        .arg("--data-dir")
        .arg(dir.path())
        .env("RUST_LOG", "info")
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start rectify");
    let stdout = rectify.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut printed = Vec::new();
    let until_banner = async {
        while let Some(line) = lines.next_line().await.expect("read stdout") {
            let last = line.contains("Ctrl-C");
            printed.push(line);
            if last {
                return true;
            }
        }
        false
    };
    let banner = tokio::time::timeout(BANNER_TIMEOUT, until_banner).await;
    rectify.kill().await.expect("stop rectify");

    assert_eq!(
        banner,
        Ok(true),
        "rectify should print its banner: {printed:#?}"
    );
    let log_lines = printed.iter().filter(|line| line.contains("INFO")).count();
    assert!(
        log_lines >= 1,
        "the start should log at least one line: {printed:#?}"
    );
    for line in &printed {
        assert!(
            !line.contains("\x1b["),
            "no ANSI escape should reach a pipe: {line:?}"
        );
    }
}
