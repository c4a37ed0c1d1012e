//! `rectifyctl dashboard-user add|passwd|unlock|list`: the dashboard's users, in its own
//! database. A password is read from stdin (one line) or, on a terminal, prompted for twice
//! without echo; it never appears on the command line, where `ps` and shell history would
//! show it.

use std::fmt::Write as _;
use std::io::{BufRead as _, IsTerminal as _};

use anyhow::{Context as _, bail};
use chrono::Utc;
use rectify_dashboard::{Store, User, users};

use crate::cli::DashboardUserCommand;

/// Runs `command` and returns what to print.
pub async fn run(command: DashboardUserCommand) -> anyhow::Result<String> {
    let now = Utc::now();
    match command {
        DashboardUserCommand::Add(args) => {
            let password = read_password()?;
            let store = Store::open(&args.database.database_url).await?;
            let user =
                users::add(&store, &args.login, &args.name, args.role, &password, now).await?;
            Ok(format!(
                "已添加用户 {}（{}，{}），首次登录须修改密码 (user added; the password must be changed at the first login)",
                user.login,
                user.display_name,
                user.role.name_zh()
            ))
        }
        DashboardUserCommand::Passwd(args) => {
            let password = read_password()?;
            let store = Store::open(&args.database.database_url).await?;
            users::reset_password(&store, &args.login, &password, now).await?;
            Ok(format!(
                "已为 {} 设置新密码，下次登录须修改；其登录会话已全部结束 (password set, to be changed at the next login; the user's sessions ended)",
                args.login
            ))
        }
        DashboardUserCommand::Unlock(args) => {
            let store = Store::open(&args.database.database_url).await?;
            users::unlock(&store, &args.login).await?;
            Ok(format!("已解锁 {} (unlocked)", args.login))
        }
        DashboardUserCommand::List(database) => {
            let store = Store::open(&database.database_url).await?;
            let users = store.users().await?;
            Ok(render_list(&users, now))
        }
    }
}

/// One tab-separated line per user: login, name, role, state, created (CST).
fn render_list(users: &[User], now: chrono::DateTime<Utc>) -> String {
    let cst = |at: chrono::DateTime<Utc>| {
        at.with_timezone(&rectify_kit::clock::cst())
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let mut out = String::from("login\tname\trole\tstate\tcreated");
    for user in users {
        let state = match (user.locked_at(now), user.must_change_password) {
            (Some(until), _) => format!("锁定至 {} (locked)", cst(until)),
            (None, true) => "待修改密码 (must change password)".to_owned(),
            (None, false) => "正常 (active)".to_owned(),
        };
        let _ = write!(
            out,
            "\n{}\t{}\t{}\t{state}\t{}",
            user.login,
            user.display_name,
            user.role,
            cst(user.created_at)
        );
    }
    out
}

/// The new password: prompted for twice on a terminal, else the first line of stdin.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("新密码 (new password): ")?;
        let second = rpassword::prompt_password("再次输入 (repeat): ")?;
        if first != second {
            bail!("两次输入的密码不一致 (the two passwords differ)");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from stdin")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        bail!("标准输入中没有密码 (no password on stdin: pipe it in, one line)");
    }
    Ok(password)
}
