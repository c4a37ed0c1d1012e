//! What `rectify up` prints once everything is ready: endpoints, the demo, and a token per party,
//! with Chinese and English headings.

use std::fmt::Write as _;
use std::path::Path;

use rectify_kit::auth::SERVICE_AUDIENCES;

use crate::dashboard::DashboardEndpoint;
use crate::launcher::Running;
use crate::tokens::{PartyToken, TOKEN_LIFETIME};
use rectify_demo::{DemoOutcome, DemoSummary, Figure, ServiceLine};
use rectify_kit::auth::PartyKind;

/// The text printed to stdout when the launcher is ready.
pub fn render(running: &Running) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "rectify 已启动 (rectify is up)");
    let _ = writeln!(
        out,
        "  数据目录 (data directory)  {}",
        running.data_dir.display()
    );

    let _ = writeln!(out, "\n服务地址 (endpoints)");
    let rows: Vec<(String, String)> = running
        .endpoints
        .iter()
        .map(|e| (e.name.to_owned(), format!("{}  {}", e.url(), e.title_zh)))
        .collect();
    table(&mut out, &rows);
    if let Some(tls) = &running.tls {
        let _ = writeln!(
            out,
            "  TLS: CA {}{}",
            tls.ca.display(),
            match tls.mutual {
                true => format!(
                    "；须出示客户端证书 (client certificate required), e.g. {} / {}",
                    tls.client.cert.display(),
                    tls.client.key.display()
                ),
                false => String::new(),
            }
        );
    }
    out.push_str(&dashboard(&running.dashboard, &running.data_dir));

    match &running.demo {
        None => {}
        Some(DemoOutcome::AlreadyPresent) => {
            let _ = writeln!(out, "\n演示数据 (demo)");
            let _ = writeln!(
                out,
                "  台账中已有数据，未重复载入 (the registry already holds data; demo not loaded again)"
            );
        }
        Some(DemoOutcome::Loaded(summary)) => demo(&mut out, summary),
    }

    out.push_str(&tokens_heading(&running.tokens_file()));
    let rows: Vec<(String, String)> = short_list(&running.tokens)
        .map(|t| (format!("{} ({})", t.party, t.name_zh), t.token.clone()))
        .collect();
    table(&mut out, &rows);
    let _ = writeln!(
        out,
        "  …… 全部 {count} 个令牌（每个单位一个）见 (all {count} tokens, one per party, are in) {}",
        running.tokens_file().display(),
        count = running.tokens.iter().count()
    );
    let _ = writeln!(out, "\n按 Ctrl-C 停止 (press Ctrl-C to stop)");
    out
}

/// The tokens the console shows: the first party of each kind (the office, supervision, a
/// bureau, a township), never the services' own; the file has them all.
fn short_list(tokens: &crate::tokens::Tokens) -> impl Iterator<Item = &PartyToken> {
    let mut kinds = Vec::new();
    tokens.iter().filter(move |t| {
        let first = t.kind != PartyKind::Service && !kinds.contains(&t.kind);
        if first {
            kinds.push(t.kind);
        }
        first
    })
}

/// The heading above the tokens: how long they last, that each works on every service, and
/// where they are written.
fn tokens_heading(tokens_file: &Path) -> String {
    let days = TOKEN_LIFETIME.as_secs() / 86_400;
    format!(
        "\n访问令牌 (tokens, {days} 天有效 / valid {days} days; also in {})\n\
         \x20 每个令牌适用于全部服务 (each token works on every service: {})\n",
        tokens_file.display(),
        SERVICE_AUDIENCES.join(", ")
    )
}

/// The dashboard's address, and on the start that made it, the first administrator's login.
fn dashboard(dashboard: &DashboardEndpoint, data_dir: &Path) -> String {
    let mut out = format!("\n网页端 (dashboard)  {}\n", dashboard.url());
    match &dashboard.initial_password {
        Some(password) => {
            let _ = writeln!(
                out,
                "  首位管理员 (first administrator): 登录名 {} / 一次性密码 (one-time password) {password}\n\
                 \x20 首次登录须修改密码；也写在 (the first login must change it; also in) {}",
                rectify_dashboard::users::INITIAL_ADMIN,
                dashboard.admin_file.display()
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  用户管理 (users): rectifyctl dashboard-user add|passwd|unlock|list --database-url sqlite:{}",
                crate::dashboard::database_file(data_dir).display()
            );
        }
    }
    out
}

fn demo(out: &mut String, s: &DemoSummary) {
    let _ = writeln!(out, "\n演示数据 (demo: 桦川县 Huachuan 2021)");
    let _ = writeln!(
        out,
        "  已载入 {} 家企业、{} 条排查线索，其中 {} 条合并到已有企业 (loaded {} enterprises, {} findings, {} merged)",
        s.enterprises, s.findings, s.merged, s.enterprises, s.findings, s.merged
    );
    let _ = writeln!(
        out,
        "  升级改造 (upgrade) {} · 集聚搬迁 (relocate) {} · 关停取缔 (close) {} · 不属于散乱污 (rejected) {}",
        s.upgrade, s.relocate, s.close, s.rejected
    );
    let _ = writeln!(
        out,
        "  已公布整治方案 (plans published) {} · 改判 (overridden) {} · 用时 (took) {:.1} s",
        s.published,
        s.overridden,
        s.elapsed.as_secs_f64()
    );
    let r = &s.rectification;
    let lines = r.lines();
    for line in &lines {
        let _ = writeln!(out, "  {}", service_line(line));
    }
    let recreated: usize = lines.iter().map(|l| l.items.recreated).sum();
    let _ = writeln!(
        out,
        "  反弹后重新整治 {} 家企业，重新下达 {} 项 (reopened {} enterprises, {} items created again)",
        r.reopened, recreated, r.reopened, recreated
    );
}

/// A service's items as they stand and its own figures, in Chinese then English.
fn service_line(line: &ServiceLine<'_>) -> String {
    let ((zh, en), items, own) = (line.title, line.items, &line.figures);
    let counts: [Figure; 6] = [
        ("已完成", "done", items.done),
        ("已核验", "verified", items.verified),
        ("受阻", "blocked", items.blocked),
        ("免除", "waived", items.waived),
        ("逾期", "overdue", items.overdue),
        ("重新下达", "created again", items.recreated),
    ];
    let chinese = |figures: &[Figure]| {
        figures
            .iter()
            .map(|(label, _, value)| format!("{label} {value}"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let english = counts
        .iter()
        .chain(own)
        .map(|(_, label, value)| format!("{label} {value}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "{zh} ({en}) {} 项：{}；{} (items {}, {english})",
        items.items,
        chinese(&counts),
        chinese(own),
        items.items
    )
}

/// Two columns, the first padded to the widest (CJK characters count double).
fn table(out: &mut String, rows: &[(String, String)]) {
    let width = rows
        .iter()
        .map(|(l, _)| display_width(l))
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        let pad = width - display_width(label);
        let _ = writeln!(out, "  {label}{}  {value}", " ".repeat(pad));
    }
}

/// Columns a terminal uses for `text`: two for wide (CJK, full-width) characters.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        let cases = [
            ("office", 6, "ascii"),
            ("office (领导小组办公室)", 9 + 14, "CJK"),
            ("（）", 4, "full-width brackets"),
        ];
        for (text, width, why) in cases {
            assert_eq!(display_width(text), width, "{why}: {text}");
        }
    }

    #[test]
    fn the_tokens_heading_says_each_token_works_on_every_service() {
        let heading = tokens_heading(Path::new("/data/tokens.txt"));
        for phrase in [
            "每个令牌适用于全部服务",
            "each token works on every service",
        ]
        .into_iter()
        .chain(SERVICE_AUDIENCES)
        .chain(["/data/tokens.txt", "valid 30 days"])
        {
            assert!(
                heading.contains(phrase),
                "the heading should mention {phrase:?}:\n{heading}"
            );
        }
    }

    #[test]
    fn the_demo_shows_each_service_s_items_and_figures_in_chinese_and_english() {
        let mut summary = DemoSummary::default();
        let r = &mut summary.rectification;
        r.licensing.items.items = 7;
        r.licensing.items.done = 4;
        r.licensing.figures.granted = 3;
        r.safety.items.blocked = 2;
        r.safety.figures.major_fixed = 5;
        r.environment.items.recreated = 1;
        r.utilities.items.recreated = 6;
        r.environment.figures.rebounds = vec!["enterprises/a".into(), "enterprises/b".into()];
        r.reopened = 2;
        let mut out = String::new();
        demo(&mut out, &summary);
        for phrase in [
            "审批手续 (licensing) 7 项：已完成 4",
            "已批准 3",
            "(items 7, done 4,",
            "granted 3",
            "安全生产 (safety) 0 项：已完成 0、已核验 0、受阻 2",
            "重大隐患已整改 5",
            "major fixed 5",
            "发现反弹 2",
            "rebounds found 2",
            "反弹后重新整治 2 家企业，重新下达 7 项",
            "reopened 2 enterprises, 7 items created again",
        ] {
            assert!(out.contains(phrase), "{phrase:?} in:\n{out}");
        }
        for service in ["utilities", "licensing", "land", "safety", "environment"] {
            let lines = out.lines().filter(|l| l.contains(&format!("({service})")));
            assert_eq!(lines.count(), 1, "one line for {service}:\n{out}");
        }
    }

    #[test]
    fn table_aligns_the_second_column() {
        let mut out = String::new();
        let rows = [
            ("eco (生态环境局)".to_owned(), "A".to_owned()),
            ("office (领导小组办公室)".to_owned(), "B".to_owned()),
        ];
        table(&mut out, &rows);
        let columns: Vec<usize> = out
            .lines()
            .map(|line| display_width(&line[..line.len() - 1]))
            .collect();
        assert_eq!(
            columns[0], columns[1],
            "values start in the same column:\n{out}"
        );
    }
}
