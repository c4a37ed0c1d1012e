//! The real `rectify` binary with its output going to a pipe, as under a service manager or
//! `> up.log`: plain log lines without ANSI colour codes, then the banner; without `RUST_LOG`
//! only the banner, warnings and a few tokens.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt as _, BufReader};
use tokio::process::Command;

/// Longest the launcher may take to print its banner on a cold, busy machine.
const BANNER_TIMEOUT: Duration = Duration::from_secs(60);

/// Starts `rectify up` in `dir` on free ports with `RUST_LOG` as given (unset when `None`) and
/// returns what it printed up to its last banner line, or `None` when no banner came.
async fn until_banner(dir: &std::path::Path, rust_log: Option<&str>) -> (Vec<String>, bool) {
    // Every service on a free port: the default ones (50051–50056) lie in the range the system
    // hands out for port 0, which the other tests running beside this one are using.
    let ports = rectify_launcher::services::SERVICES
        .iter()
        .flat_map(|s| [format!("--{}", s.port_flag), "0".to_owned()]);
    let mut command = Command::new(env!("CARGO_BIN_EXE_rectify"));
    command
        .arg("up")
        .args(ports)
        .args(["--dashboard-port", "0"])
        .arg("--data-dir")
        .arg(dir)
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    if let Some(filter) = rust_log {
        command.env("RUST_LOG", filter);
    }
    let mut rectify = command.spawn().expect("start rectify");
    let stdout = rectify.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut printed = Vec::new();
    let read = async {
        while let Some(line) = lines.next_line().await.expect("read stdout") {
            let last = line.contains("Ctrl-C");
            printed.push(line);
            if last {
                return true;
            }
        }
        false
    };
    let banner = tokio::time::timeout(BANNER_TIMEOUT, read).await;
    rectify.kill().await.expect("stop rectify");
    (printed, banner == Ok(true))
}

#[tokio::test]
async fn logs_written_to_a_pipe_carry_no_colour_codes() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (printed, banner) = until_banner(dir.path(), Some("info")).await;
    assert!(banner, "rectify should print its banner: {printed:#?}");
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

/// Whether `line` holds a JWT (three base64url parts).
fn holds_a_token(line: &str) -> bool {
    line.split_whitespace().any(|word| {
        let parts: Vec<&str> = word.split('.').collect();
        parts.len() == 3
            && parts.iter().all(|p| {
                p.len() > 8
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
    })
}

#[tokio::test]
async fn the_console_holds_the_banner_warnings_and_a_short_token_list() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (printed, banner) = until_banner(dir.path(), None).await;
    assert!(banner, "rectify should print its banner: {printed:#?}");
    for line in &printed {
        assert!(
            !line.contains(" INFO ") && !line.contains(" DEBUG "),
            "no info logs on the console unless RUST_LOG asks: {line:?}"
        );
    }
    let tokens_file = dir.path().join("tokens.txt");
    let written = std::fs::read_to_string(&tokens_file).expect("tokens.txt");
    let all = written.lines().filter(|l| l.contains('=')).count();
    let shown = printed.iter().filter(|l| holds_a_token(l)).count();
    assert!(
        (1..=5).contains(&shown) && all > shown * 4,
        "a few tokens shown ({shown}), all {all} in the file:\n{}",
        printed.join("\n")
    );
    assert!(
        printed
            .iter()
            .any(|l| l.contains(&format!("all {all} tokens"))
                && l.contains(&tokens_file.display().to_string())),
        "the console says where all {all} tokens are:\n{}",
        printed.join("\n")
    );
    assert!(
        printed.len() <= 40,
        "the console stays short ({} lines):\n{}",
        printed.len(),
        printed.join("\n")
    );
}
