//! `feed tail` against a real registry: one line per change, in order, from
//! the cursor on, and new changes while following.

use std::io::Write;
use std::time::Duration;

use rectify_ctl::feed::{TailOptions, tail};
use rectify_testkit::{Backend, on_both_backends};
use tokio::sync::mpsc;

use crate::common::{Intrusion as _, Registry, endpoint, rectifyctl};

async fn feed_tail_prints_every_change_after_the_cursor(backend: Backend) {
    let Some(registry) = Registry::spawn(backend).await else {
        return;
    };
    let head = registry.report_findings(3).await;
    let options = TailOptions {
        after: 1,
        follow: false,
        with_event: true,
    };
    let mut out = Vec::new();
    let printed = tail(
        registry.server.channel(),
        &registry.office(),
        options,
        &mut out,
    )
    .await
    .expect("tail the feed");
    assert_eq!(printed, (head - 1) as u64, "every change after seq 1");
    let text = String::from_utf8(out).expect("utf-8");
    for (line, seq) in text.lines().zip(2..) {
        let columns: Vec<&str> = line.split('\t').collect();
        assert_eq!(columns.len(), 7, "six columns and the event: {line}");
        assert_eq!(
            columns[3], "rectify.registry.v1.FindingReported",
            "the event's type: {line}"
        );
        assert_eq!(columns[0], seq.to_string(), "in feed order: {line}");
        assert_eq!(columns[2], "office/office-tester", "actor: {line}");
        let event: serde_json::Value = serde_json::from_str(columns[6]).expect("the event is JSON");
        assert!(
            event["enterprise"]["display_name"]
                .as_str()
                .is_some_and(|name| name.contains("米厂")),
            "the event decoded into readable fields: {line}"
        );
    }

    let output = rectifyctl(
        &["feed", "tail", "--endpoint", &endpoint(&registry.server)],
        Some(&registry.office()),
    )
    .await;
    assert!(output.status.success(), "feed tail succeeds: {output:?}");
    let lines = String::from_utf8_lossy(&output.stdout).lines().count();
    assert_eq!(lines as i64, head, "the binary prints one line per change");
    registry.server.shutdown().await;
}

/// Sends each written line to a channel, so a test can watch a running tail.
struct Lines(mpsc::UnboundedSender<String>);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for line in String::from_utf8_lossy(buf).lines() {
            let _ = self.0.send(line.to_owned());
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn feed_tail_follows_new_changes(backend: Backend) {
    let Some(registry) = Registry::spawn(backend).await else {
        return;
    };
    let head = registry.report_findings(1).await;
    let (sender, mut lines) = mpsc::unbounded_channel();
    let options = TailOptions {
        after: head,
        follow: true,
        with_event: false,
    };
    let channel = registry.server.channel();
    let token = registry.office();
    let follower =
        tokio::spawn(async move { tail(channel, &token, options, &mut Lines(sender)).await });

    registry.report_findings(2).await;
    let line = tokio::time::timeout(Duration::from_secs(30), lines.recv())
        .await
        .expect("a new change arrives while following")
        .expect("the follower is still running");
    assert!(
        line.starts_with(&format!("{}\t", head + 1)),
        "the first line is the change after the cursor: {line}"
    );
    follower.abort();
    registry.server.shutdown().await;
}

on_both_backends!(
    feed_tail_prints_every_change_after_the_cursor,
    feed_tail_follows_new_changes,
);
