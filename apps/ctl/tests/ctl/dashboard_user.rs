//! `rectifyctl dashboard-user` through the real binary on both backends: the password comes
//! from stdin, the policy is enforced with Chinese messages and nothing stored on refusal,
//! and passwd, unlock and list do what they say.

use std::process::Stdio;

use rectify_dashboard::Store;
use rectify_dashboard::password;
use rectify_testkit::{Backend, TestDb, on_both_backends};
use tokio::io::AsyncWriteExt as _;

/// Runs `rectifyctl dashboard-user ARGS --database-url URL`, with `stdin` piped in.
async fn dashboard_user(args: &[&str], url: &str, stdin: &str) -> std::process::Output {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_rectifyctl"))
        .arg("dashboard-user")
        .args(args)
        .args(["--database-url", url])
        .env_remove("RECTIFY_DASHBOARD_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rectifyctl");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.as_bytes())
        .await
        .expect("write stdin");
    drop(input);
    child.wait_with_output().await.expect("rectifyctl output")
}

/// The user li.si as stored now.
async fn li_si(store: &Store) -> rectify_dashboard::User {
    store
        .user_by_login("li.si")
        .await
        .expect("read")
        .expect("stored")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const ADD: [&str; 7] = [
    "add", "--login", "li.si", "--name", "李四", "--role", "office",
];

async fn users_are_added_with_a_password_from_stdin_and_listed(backend: Backend) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };
    let added = dashboard_user(&ADD, &db.url, "Huachuan-2021-ok\n").await;
    assert!(added.status.success(), "add succeeds: {added:?}");
    assert!(
        text(&added.stdout).contains("已添加用户 li.si（李四，领导小组办公室）"),
        "{added:?}"
    );

    let store = Store::open(&db.url).await.expect("open");
    let user = li_si(&store).await;
    assert!(
        password::verify("Huachuan-2021-ok", &user.password_hash),
        "the password from stdin"
    );
    assert!(
        user.password_hash.starts_with("$argon2id$"),
        "hashed with argon2id"
    );
    assert!(
        user.must_change_password,
        "to be changed at the first login"
    );

    let again = dashboard_user(&ADD, &db.url, "Huachuan-2021-ok\n").await;
    assert_eq!(
        again.status.code(),
        Some(2),
        "a second li.si is refused: {again:?}"
    );
    assert!(
        text(&again.stderr).contains("登录名 li.si 已存在"),
        "{again:?}"
    );

    let list = dashboard_user(&["list"], &db.url, "").await;
    assert!(list.status.success(), "list succeeds: {list:?}");
    let printed = text(&list.stdout);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 2, "a header and one user: {printed}");
    assert!(
        lines[1].starts_with("li.si\t李四\toffice\t待修改密码"),
        "login, name, role, state: {printed}"
    );
    assert!(!printed.contains("argon2"), "no hash printed");
}

async fn a_weak_password_is_refused_and_nothing_is_stored(backend: Backend) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };
    let cases = [
        ("short1A!\n", "密码长度至少 12 个字符"),
        ("alllowercaseletters\n", "至少三类"),
        ("Li.si-is-my-name-1\n", "不得包含登录名"),
        ("\n", "标准输入中没有密码"),
    ];
    for (stdin, message) in cases {
        let refused = dashboard_user(&ADD, &db.url, stdin).await;
        assert_eq!(
            refused.status.code(),
            Some(2),
            "{stdin:?} refused: {refused:?}"
        );
        assert!(
            text(&refused.stderr).contains(message),
            "{stdin:?}: {message} in {refused:?}"
        );
    }
    let store = Store::open(&db.url).await.expect("open");
    assert_eq!(
        store.count_users().await.expect("count"),
        0,
        "nothing stored"
    );

    let on_the_command_line = dashboard_user(
        &[&ADD[..], &["--password", "Huachuan-2021-ok"]].concat(),
        &db.url,
        "",
    )
    .await;
    assert!(
        !on_the_command_line.status.success(),
        "no --password flag exists"
    );
}

async fn passwd_and_unlock_change_the_stored_user(backend: Backend) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };
    let added = dashboard_user(&ADD, &db.url, "Huachuan-2021-ok\n").await;
    assert!(added.status.success(), "{added:?}");
    let store = Store::open(&db.url).await.expect("open");
    let user = li_si(&store).await;
    let until = chrono::Utc::now() + chrono::Duration::minutes(15);
    store
        .record_failure(user.id, 1, until)
        .await
        .expect("lock the account");
    let list = text(&dashboard_user(&["list"], &db.url, "").await.stdout);
    assert!(list.contains("锁定至"), "listed as locked: {list}");

    let unlocked = dashboard_user(&["unlock", "--login", "li.si"], &db.url, "").await;
    assert!(unlocked.status.success(), "{unlocked:?}");
    let user = li_si(&store).await;
    assert_eq!(
        (user.locked_until, user.failed_count),
        (None, 0),
        "unlocked"
    );

    let unknown = dashboard_user(&["unlock", "--login", "nobody"], &db.url, "").await;
    assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
    assert!(
        text(&unknown.stderr).contains("没有登录名为 nobody 的用户"),
        "{unknown:?}"
    );

    let passwd = dashboard_user(
        &["passwd", "--login", "li.si"],
        &db.url,
        "Another-pass-2021\n",
    )
    .await;
    assert!(passwd.status.success(), "{passwd:?}");
    let user = li_si(&store).await;
    assert!(
        password::verify("Another-pass-2021", &user.password_hash),
        "the new password"
    );
    assert!(
        !password::verify("Huachuan-2021-ok", &user.password_hash),
        "not the old one"
    );
    assert!(user.must_change_password, "to be changed at the next login");
}

on_both_backends!(
    users_are_added_with_a_password_from_stdin_and_listed,
    a_weak_password_is_refused_and_nothing_is_stored,
    passwd_and_unlock_change_the_stored_user,
);
